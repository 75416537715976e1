import { ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsInt, IsOptional, IsString, Matches, Max, Min } from 'class-validator';
import { ROOM_NAME_PATTERN, ROOMS_PAGE_MAX, type RoomsQuery } from '@chat/contract';
import { IsPlainText } from '../../common/validation/plain-text';

const LIMIT_RULE = `limit must be an integer from 1 to ${ROOMS_PAGE_MAX}`;

/** Optional paging of `GET /api/rooms`; without either field the answer is every room. */
export class RoomsQueryDto implements RoomsQuery {
  @ApiPropertyOptional({
    minimum: 1,
    maximum: ROOMS_PAGE_MAX,
    description: 'At most this many rooms. Absent: all of them.',
  })
  @IsOptional()
  @Type(() => Number)
  @IsInt({ message: LIMIT_RULE })
  @Min(1, { message: LIMIT_RULE })
  @Max(ROOMS_PAGE_MAX, { message: LIMIT_RULE })
  limit?: number;

  @ApiPropertyOptional({
    pattern: ROOM_NAME_PATTERN.source,
    description:
      'A room name (the last of the previous page): the rooms sorted after it, ' +
      'case-insensitively. It need not exist.',
  })
  @IsOptional()
  @IsPlainText()
  @IsString()
  @Matches(ROOM_NAME_PATTERN, { message: 'after must be a room name' })
  after?: string;
}
