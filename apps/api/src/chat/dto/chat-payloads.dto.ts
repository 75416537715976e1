import { IsOptional, IsString, Length } from 'class-validator';
import type {
  MessageDeletePayload,
  MessageEditPayload,
  MessageSendPayload,
  ReactionPayload,
  RoomJoinPayload,
  RoomLeavePayload,
  RoomReadPayload,
  TypingPayload,
} from '@chat/contract';
import { IsIdCursor } from '../../common/validation/cursor';
import { IsEmoji, IsMessageId } from '../../common/validation/message-id';
import { IsPlainText } from '../../common/validation/plain-text';
import { Describe } from '../../common/validation/shapes';
import { stacked } from '../../common/validation/stacked';
import { MarkReadDto } from '../../memberships/dto/membership.dto';
import { EditMessageDto } from '../../messages/dto/edit-message.dto';
import { SendMessageDto } from '../../messages/dto/send-message.dto';

/** The `room` of every payload. Not pattern-checked: an unknown name answers `not_found`. */
const RoomName = () =>
  stacked(
    Describe('The room name; an unknown one answers `not_found`.', 'general'),
    IsPlainText(),
    IsString({ message: 'room must be a string' }),
    Length(1, 64, { message: 'room must be 1 to 64 characters' }),
  );

class RoomPayload {
  @RoomName()
  room!: string;
}

export class RoomJoinDto extends RoomPayload implements RoomJoinPayload {
  @Describe(
    'The client’s cursor: the largest `seq` it has seen in the room (a message id is one too).',
    '1024',
  )
  @IsOptional()
  @IsIdCursor()
  since?: string;
}

export class RoomLeaveDto extends RoomPayload implements RoomLeavePayload {}

/** The REST body of `PUT …/read`, plus the room. */
export class RoomReadDto extends MarkReadDto implements RoomReadPayload {
  @RoomName()
  room!: string;
}

export class TypingDto extends RoomPayload implements TypingPayload {}

/** The REST body of `POST …/messages`, plus the room it goes to. */
export class MessageSendDto extends SendMessageDto implements MessageSendPayload {
  @RoomName()
  room!: string;
}

/** The REST body of `PATCH …/messages/:id`, plus the room and the id. */
export class MessageEditDto extends EditMessageDto implements MessageEditPayload {
  @RoomName()
  room!: string;

  @IsMessageId()
  id!: string;
}

export class MessageDeleteDto extends RoomPayload implements MessageDeletePayload {
  @IsMessageId()
  id!: string;
}

export class ReactionDto extends RoomPayload implements ReactionPayload {
  @IsMessageId()
  messageId!: string;

  @Describe('Exactly one RGI emoji sequence (👍, 👍🏽, ❤️, 🇫🇷, 👩‍💻 …).', '👍')
  @IsEmoji()
  emoji!: string;
}
