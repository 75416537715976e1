import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsInt, IsOptional, Matches, Max, Min } from 'class-validator';
import { CHANGES_PAGE_DEFAULT, CHANGES_PAGE_MAX, type ChangesQuery } from '@chat/contract';

const LIMIT_RULE = `limit must be an integer from 1 to ${CHANGES_PAGE_MAX}`;

export class ChangesQueryDto implements ChangesQuery {
  @ApiProperty({
    description:
      'The client’s cursor: the largest `seq` it has seen (a message id is one too; `0` from the start).',
    example: '1024',
  })
  @Matches(/^\d{1,19}$/, { message: 'after must be a non-negative decimal integer cursor' })
  after!: string;

  @ApiPropertyOptional({ minimum: 1, maximum: CHANGES_PAGE_MAX, default: CHANGES_PAGE_DEFAULT })
  @IsOptional()
  @Type(() => Number)
  @IsInt({ message: LIMIT_RULE })
  @Min(1, { message: LIMIT_RULE })
  @Max(CHANGES_PAGE_MAX, { message: LIMIT_RULE })
  limit?: number;
}
