import { IsBoolean, IsString } from 'class-validator';
import {
  CHANGED_MESSAGES_MAX,
  MISSED_MESSAGES_MAX,
  type AuthRefreshResult,
  type MentionEvent,
  type MessageSendResult,
  type ReadEvent,
  type RoomActivityEvent,
  type RoomAddedEvent,
  type RoomDeletedEvent,
  type RoomJoinResult,
  type RoomReadResult,
  type RoomRemovedEvent,
  type TypingEvent,
} from '@chat/contract';
import { IsMessageId } from '../../common/validation/message-id';
import {
  Describe,
  IsDecimalId,
  IsNested,
  IsNestedArray,
  IsTimestamp,
} from '../../common/validation/shapes';
import { MessageDto } from '../../messages/dto/message.dto';
import { PresenceDto } from '../../presence/presence.dto';
import { RoomDto } from '../../rooms/dto/room.dto';
import { UserSummaryDto } from '../../users/user.dto';

/**
 * What the server sends over the `/chat` namespace: the acknowledgements' bodies (without their
 * `ok: true`) and the server → client events. Never validated at run time; their rules are what
 * the AsyncAPI document says of them.
 */
class InRoom {
  @Describe('The room name.', 'general') @IsString() room!: string;
}

// Acknowledgements.
export class RoomJoinResultDto implements RoomJoinResult {
  @IsNested(() => RoomDto) room!: RoomDto;
  @IsNested(() => PresenceDto) presence!: PresenceDto;
  @Describe(
    `Messages created after \`since\`, oldest first, never deleted ones; at most ` +
      `${MISSED_MESSAGES_MAX}; empty without \`since\`.`,
  )
  @IsNestedArray(() => MessageDto, MISSED_MESSAGES_MAX)
  missed!: MessageDto[];
  @Describe('More were missed: page on with `GET /api/rooms/:name/changes?after=`.')
  @IsBoolean()
  missedMore!: boolean;
  @Describe(
    'Messages with `id ≤ since` and `seq > since` (tombstones included), in `seq` order, at ' +
      `most ${CHANGED_MESSAGES_MAX}; empty without \`since\`.`,
  )
  @IsNestedArray(() => MessageDto, CHANGED_MESSAGES_MAX)
  changed!: MessageDto[];
  @Describe('More changed: page `GET /api/rooms/:name/changes?after=` from the cursor.')
  @IsBoolean()
  changedMore!: boolean;
}

/** The ack of `message:send`, `message:edit`, `reaction:add` and `reaction:remove`. */
export class MessageResultDto implements MessageSendResult {
  @Describe('The message as committed.') @IsNested(() => MessageDto) message!: MessageDto;
}

export class RoomReadResultDto implements RoomReadResult {
  @Describe('The stored marker: the larger of the old and the given id, never past the newest.')
  @IsDecimalId()
  lastReadId!: string;
}

export class AuthRefreshResultDto implements AuthRefreshResult {
  @Describe('The socket is disconnected at this time unless refreshed again.')
  @IsTimestamp()
  expiresAt!: string;
}

// Server → client events.
export class TypingEventDto extends InRoom implements TypingEvent {
  @IsNested(() => UserSummaryDto) user!: UserSummaryDto;
}

export class RoomDeletedEventDto extends InRoom implements RoomDeletedEvent {}

export class RoomActivityEventDto extends InRoom implements RoomActivityEvent {
  @Describe('The newest message of the room (deleted ones included).')
  @IsMessageId()
  lastMessageId!: string;
}

export class MentionEventDto extends InRoom implements MentionEvent {
  @IsNested(() => MessageDto) message!: MessageDto;
}

export class ReadEventDto extends InRoom implements ReadEvent {
  @Describe('The stored marker.') @IsDecimalId() lastReadId!: string;
}

export class RoomAddedEventDto implements RoomAddedEvent {
  @IsNested(() => RoomDto) room!: RoomDto;
}

export class RoomRemovedEventDto extends InRoom implements RoomRemovedEvent {}
