import { IsOptional, IsString, Matches } from 'class-validator';
import { ROOM_NAME_PATTERN, ROOMS_PAGE_MAX, type RoomsQuery } from '@chat/contract';
import { IsPlainText } from '../../common/validation/plain-text';
import { Describe, PageLimit } from '../../common/validation/shapes';

/** Optional paging of `GET /api/rooms`; without either field the answer is every room. */
export class RoomsQueryDto implements RoomsQuery {
  @Describe('At most this many rooms. Absent: all of them.')
  @PageLimit(ROOMS_PAGE_MAX)
  limit?: number;

  @Describe(
    'A room name (the last of the previous page): the rooms sorted after it, ' +
      'case-insensitively. It need not exist.',
  )
  @IsOptional()
  @IsPlainText()
  @IsString()
  @Matches(ROOM_NAME_PATTERN, { message: 'after must be a room name' })
  after?: string;
}
