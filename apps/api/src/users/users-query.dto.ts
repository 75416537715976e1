import { ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsInt, IsOptional, IsString, Length, Max, Min } from 'class-validator';
import { USERS_PAGE_DEFAULT, USERS_PAGE_MAX, type UsersQuery } from '@chat/contract';
import { IsPlainText } from '../common/validation/plain-text';

const LIMIT_RULE = `limit must be an integer from 1 to ${USERS_PAGE_MAX}`;

export class UsersQueryDto implements UsersQuery {
  @ApiPropertyOptional({ description: 'A username prefix, case-insensitive. Absent: everyone.' })
  @IsOptional()
  @IsPlainText()
  @IsString({ message: 'query must be a string' })
  @Length(0, 32, { message: 'query must be at most 32 characters' })
  query?: string;

  @ApiPropertyOptional({ minimum: 1, maximum: USERS_PAGE_MAX, default: USERS_PAGE_DEFAULT })
  @IsOptional()
  @Type(() => Number)
  @IsInt({ message: LIMIT_RULE })
  @Min(1, { message: LIMIT_RULE })
  @Max(USERS_PAGE_MAX, { message: LIMIT_RULE })
  limit?: number;
}
