import { ApiProperty } from '@nestjs/swagger';
import { IsIn, IsString, Length, Matches, Validate } from 'class-validator';
import type {
  AddMemberRequest,
  MarkReadRequest,
  MarkReadResponse,
  Member,
  Membership,
  RoomRole,
  SetMemberRoleRequest,
} from '@chat/contract';
import { IsPlainText } from '../../common/validation/plain-text';
import { RoomDto } from '../../rooms/dto/room.dto';
import { UserSummaryDto } from '../../users/user.dto';
import { FitsInBigint } from '../../chat/dto/chat-payloads.dto';

const ROLES: RoomRole[] = ['owner', 'moderator', 'member'];

export class MarkReadDto implements MarkReadRequest {
  @ApiProperty({
    example: '1024',
    description: 'A message id; the marker keeps the larger of this and the stored one.',
  })
  @IsPlainText()
  @IsString({ message: 'lastReadId must be a message id string' })
  @Matches(/^\d{1,19}$/, {
    message: 'lastReadId must be a non-negative decimal integer message id',
  })
  @Validate(FitsInBigint, { message: 'lastReadId must be at most 9223372036854775807' })
  lastReadId!: string;
}

export class MarkReadResponseDto implements MarkReadResponse {
  @ApiProperty({ example: 'general', description: 'The room name.' }) room!: string;
  @ApiProperty({
    example: '1024',
    description: 'The stored marker: never behind what it was, never past the newest message.',
  })
  lastReadId!: string;
}

/** `POST /api/rooms/:name/members` and `POST /api/direct`: someone by username. */
export class UsernameDto implements AddMemberRequest {
  @ApiProperty({ example: 'grace', description: 'Matched case-insensitively.' })
  @IsPlainText()
  @IsString({ message: 'username must be a string' })
  @Length(1, 64, { message: 'username must be 1 to 64 characters' })
  username!: string;
}

export class MemberDto implements Member {
  @ApiProperty({ type: UserSummaryDto }) user!: UserSummaryDto;
  @ApiProperty({ enum: ROLES }) role!: RoomRole;
  @ApiProperty({ format: 'date-time' }) joinedAt!: string;
}

export class MembershipDto implements Membership {
  @ApiProperty({ type: RoomDto }) room!: RoomDto;
  @ApiProperty({ enum: ROLES }) role!: RoomRole;
  @ApiProperty({ example: '1024', description: 'Only moves forward.' }) lastReadId!: string;
  @ApiProperty({
    type: String,
    nullable: true,
    description: 'The newest message id, deleted ones included.',
  })
  lastMessageId!: string | null;
  @ApiProperty({ type: String, format: 'date-time', nullable: true }) lastMessageAt!: string | null;
  @ApiProperty({ description: '`unreadCount > 0`.' }) unread!: boolean;
  @ApiProperty({
    maximum: 100,
    description:
      'Messages after lastReadId, not deleted, not the caller’s own; 100 means 100 or more.',
  })
  unreadCount!: number;
  @ApiProperty({ maximum: 100, description: 'Those of them that mention the caller.' })
  mentionCount!: number;
  @ApiProperty({
    type: String,
    format: 'date-time',
    nullable: true,
    description:
      'Added: while the caller is timed out in the room, when that ends (they may read, not ' +
      'send, edit or react); null otherwise.',
  })
  timedOutUntil!: string | null;
}

export class SetMemberRoleDto implements SetMemberRoleRequest {
  @ApiProperty({
    enum: ROLES,
    description: '`owner` hands the room over: the old owner becomes a moderator.',
  })
  @IsIn(ROLES, { message: `role must be one of ${ROLES.join(', ')}` })
  role!: RoomRole;
}
