import { Transform } from 'class-transformer';
import {
  IsOptional,
  IsString,
  Length,
  Matches,
  Validate,
  ValidatorConstraint,
  type ValidatorConstraintInterface,
} from 'class-validator';
import {
  CLIENT_ID_MAX_LENGTH,
  MESSAGE_MAX_LENGTH,
  type MessageDeletePayload,
  type MessageEditPayload,
  type MessageSendPayload,
  type ReactionPayload,
  type RoomJoinPayload,
  type RoomLeavePayload,
  type RoomReadPayload,
  type TypingPayload,
} from '@chat/contract';
import { IsEmoji, IsMessageId } from '../../common/validation/message-id';
import { IsPlainText } from '../../common/validation/plain-text';
import { CLIENT_ID_RULE, CONTENT_RULE } from '../../messages/dto/send-message.dto';

/** Ids are PostgreSQL bigints; a larger cursor would reach the database as an error. */
@ValidatorConstraint({ name: 'fitsInBigint' })
export class FitsInBigint implements ValidatorConstraintInterface {
  validate(value: unknown): boolean {
    // Other shapes are for @IsString and @Matches to refuse, with their own messages.
    if (typeof value !== 'string' || !/^\d{1,19}$/.test(value)) return true;
    return BigInt(value) <= 2n ** 63n - 1n;
  }
}

const trim = ({ value }: { value: unknown }) => (typeof value === 'string' ? value.trim() : value);

/** Room names are not pattern-checked here: an unknown name answers `not_found`. */
class RoomPayload {
  @IsPlainText()
  @IsString({ message: 'room must be a string' })
  @Length(1, 64, { message: 'room must be 1 to 64 characters' })
  room!: string;
}

export class RoomJoinDto extends RoomPayload implements RoomJoinPayload {
  @IsOptional()
  @IsString({ message: 'since must be a message id string' })
  @Matches(/^\d{1,19}$/, { message: 'since must be a non-negative decimal integer message id' })
  @Validate(FitsInBigint, { message: 'since must be at most 9223372036854775807' })
  since?: string;
}

export class RoomLeaveDto extends RoomPayload implements RoomLeavePayload {}

export class RoomReadDto extends RoomPayload implements RoomReadPayload {
  @IsPlainText()
  @IsString({ message: 'lastReadId must be a message id string' })
  @Matches(/^\d{1,19}$/, {
    message: 'lastReadId must be a non-negative decimal integer message id',
  })
  @Validate(FitsInBigint, { message: 'lastReadId must be at most 9223372036854775807' })
  lastReadId!: string;
}

export class TypingDto extends RoomPayload implements TypingPayload {}

export class MessageSendDto extends RoomPayload implements MessageSendPayload {
  @IsPlainText()
  @Transform(trim)
  @IsString({ message: 'content must be a string' })
  @Length(1, MESSAGE_MAX_LENGTH, { message: CONTENT_RULE })
  content!: string;

  @IsOptional()
  @IsPlainText()
  @IsString({ message: 'clientId must be a string' })
  @Length(1, CLIENT_ID_MAX_LENGTH, { message: CLIENT_ID_RULE })
  clientId?: string;

  @IsOptional()
  @IsMessageId()
  replyTo?: string;
}

export class MessageEditDto extends RoomPayload implements MessageEditPayload {
  @IsMessageId()
  id!: string;

  @IsPlainText()
  @Transform(trim)
  @IsString({ message: 'content must be a string' })
  @Length(1, MESSAGE_MAX_LENGTH, { message: CONTENT_RULE })
  content!: string;
}

export class MessageDeleteDto extends RoomPayload implements MessageDeletePayload {
  @IsMessageId()
  id!: string;
}

export class ReactionDto extends RoomPayload implements ReactionPayload {
  @IsMessageId()
  messageId!: string;

  @IsEmoji()
  emoji!: string;
}
