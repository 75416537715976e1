import {
  IsOptional,
  IsString,
  Length,
  Matches,
  Validate,
  ValidatorConstraint,
  type ValidatorConstraintInterface,
} from 'class-validator';
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
import { IsEmoji, IsMessageId } from '../../common/validation/message-id';
import { IsPlainText } from '../../common/validation/plain-text';
import { Describe } from '../../common/validation/shapes';
import { stacked } from '../../common/validation/stacked';
import { EditMessageDto } from '../../messages/dto/edit-message.dto';
import { SendMessageDto } from '../../messages/dto/send-message.dto';

/** Ids are PostgreSQL bigints; a larger cursor would reach the database as an error. */
@ValidatorConstraint({ name: 'fitsInBigint' })
export class FitsInBigint implements ValidatorConstraintInterface {
  validate(value: unknown): boolean {
    // Other shapes are for @IsString and @Matches to refuse, with their own messages.
    if (typeof value !== 'string' || !/^\d{1,19}$/.test(value)) return true;
    return BigInt(value) <= 2n ** 63n - 1n;
  }
}

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
  @IsString({ message: 'since must be a message id string' })
  @Matches(/^\d{1,19}$/, { message: 'since must be a non-negative decimal integer message id' })
  @Validate(FitsInBigint, { message: 'since must be at most 9223372036854775807' })
  since?: string;
}

export class RoomLeaveDto extends RoomPayload implements RoomLeavePayload {}

export class RoomReadDto extends RoomPayload implements RoomReadPayload {
  @Describe('A message id; the marker keeps the larger of this and the stored one.', '1024')
  @IsPlainText()
  @IsString({ message: 'lastReadId must be a message id string' })
  @Matches(/^\d{1,19}$/, {
    message: 'lastReadId must be a non-negative decimal integer message id',
  })
  @Validate(FitsInBigint, { message: 'lastReadId must be at most 9223372036854775807' })
  lastReadId!: string;
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
