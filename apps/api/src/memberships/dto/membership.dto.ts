import { IsBoolean, IsIn, IsInt, IsString, Length, Max, Min } from 'class-validator';
import {
  UNREAD_COUNT_CAP,
  type AddMemberRequest,
  type MarkReadRequest,
  type MarkReadResponse,
  type Member,
  type Membership,
  type RoomRole,
  type SetMemberRoleRequest,
} from '@chat/contract';
import { IsIdCursor } from '../../common/validation/cursor';
import { IsPlainText } from '../../common/validation/plain-text';
import { IsMessageId } from '../../common/validation/message-id';
import {
  Describe,
  IsDecimalId,
  IsNested,
  IsOneOf,
  IsTimestamp,
  Nullable,
} from '../../common/validation/shapes';
import { RoomDto } from '../../rooms/dto/room.dto';
import { UserSummaryDto } from '../../users/user.dto';

const ROLES: RoomRole[] = ['owner', 'moderator', 'member'];

export class MarkReadDto implements MarkReadRequest {
  @Describe('A message id; the marker keeps the larger of this and the stored one.', '1024')
  @IsPlainText()
  @IsIdCursor()
  lastReadId!: string;
}

export class MarkReadResponseDto implements MarkReadResponse {
  @Describe('The room name.', 'general') @IsString() room!: string;
  @Describe('The stored marker: never behind what it was, never past the newest message.', '1024')
  @IsDecimalId()
  lastReadId!: string;
}

/** `POST /api/rooms/:name/members` and `POST /api/direct`: someone by username. */
export class UsernameDto implements AddMemberRequest {
  @Describe('Matched case-insensitively.', 'grace')
  @IsPlainText()
  @IsString({ message: 'username must be a string' })
  @Length(1, 64, { message: 'username must be 1 to 64 characters' })
  username!: string;
}

export class MemberDto implements Member {
  @IsNested(() => UserSummaryDto) user!: UserSummaryDto;
  @IsOneOf(ROLES) role!: RoomRole;
  @IsTimestamp() joinedAt!: string;
}

export class MembershipDto implements Membership {
  @IsNested(() => RoomDto) room!: RoomDto;
  @IsOneOf(ROLES) role!: RoomRole;
  @Describe('Only moves forward.', '1024') @IsDecimalId() lastReadId!: string;
  @Describe('The newest message id, deleted ones included.')
  @Nullable()
  @IsMessageId()
  lastMessageId!: string | null;
  @Nullable() @IsTimestamp() lastMessageAt!: string | null;
  @Describe('`unreadCount > 0`.') @IsBoolean() unread!: boolean;
  @Describe('Messages after lastReadId, not deleted, not the caller’s own; 100 means 100 or more.')
  @IsInt()
  @Min(0)
  @Max(UNREAD_COUNT_CAP)
  unreadCount!: number;
  @Describe('Those of them that mention the caller.')
  @IsInt()
  @Min(0)
  @Max(UNREAD_COUNT_CAP)
  mentionCount!: number;
  @Describe(
    'Added: while the caller is timed out in the room, when that ends (they may read, not ' +
      'send, edit or react); null otherwise.',
  )
  @Nullable()
  @IsTimestamp()
  timedOutUntil!: string | null;
}

export class SetMemberRoleDto implements SetMemberRoleRequest {
  @Describe('`owner` hands the room over: the old owner becomes a moderator.')
  @IsIn(ROLES, { message: `role must be one of ${ROLES.join(', ')}` })
  role!: RoomRole;
}
