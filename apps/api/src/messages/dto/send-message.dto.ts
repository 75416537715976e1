import { IsOptional, IsString, Length } from 'class-validator';
import { CLIENT_ID_MAX_LENGTH, MESSAGE_MAX_LENGTH, type SendMessageRequest } from '@chat/contract';
import { IsMessageId } from '../../common/validation/message-id';
import { IsPlainText } from '../../common/validation/plain-text';
import { Describe } from '../../common/validation/shapes';
import { stacked } from '../../common/validation/stacked';
import { Trimmed } from '../../common/validation/trimmed';

/** A message's text, as sent and as edited: trimmed, then 1..4000 characters of plain text. */
export const MessageContent = () =>
  stacked(
    IsPlainText(),
    Trimmed(),
    IsString({ message: 'content must be a string' }),
    Length(1, MESSAGE_MAX_LENGTH, {
      message: `content must be 1 to ${MESSAGE_MAX_LENGTH} characters after trimming`,
    }),
  );

const CLIENT_ID_RULE = `clientId must be 1 to ${CLIENT_ID_MAX_LENGTH} characters`;

export class SendMessageDto implements SendMessageRequest {
  @Describe(`Trimmed, then 1..${MESSAGE_MAX_LENGTH} characters of plain text.`)
  @MessageContent()
  content!: string;

  @Describe(
    'Chosen by the client (e.g. a UUID): makes the send idempotent, a retry with the same ' +
      'value returns the stored message and stores nothing new.',
  )
  @IsOptional()
  @IsPlainText()
  @IsString({ message: 'clientId must be a string' })
  @Length(1, CLIENT_ID_MAX_LENGTH, { message: CLIENT_ID_RULE })
  clientId?: string;

  @Describe(
    'The id of the message this one answers: in the same room, not deleted (404 / `not_found`).',
    '1024',
  )
  @IsOptional()
  @IsMessageId()
  replyTo?: string;
}
