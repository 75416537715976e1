import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsOptional, IsString, Length } from 'class-validator';
import { CLIENT_ID_MAX_LENGTH, MESSAGE_MAX_LENGTH, type SendMessageRequest } from '@chat/contract';
import { IsMessageId } from '../../common/validation/message-id';
import { IsPlainText } from '../../common/validation/plain-text';
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
  @ApiProperty({ minLength: 1, maxLength: MESSAGE_MAX_LENGTH, description: 'Trimmed; plain text.' })
  @MessageContent()
  content!: string;

  @ApiPropertyOptional({
    maxLength: CLIENT_ID_MAX_LENGTH,
    description:
      'Chosen by the client (e.g. a UUID); a retry with the same value stores nothing new.',
  })
  @IsOptional()
  @IsPlainText()
  @IsString({ message: 'clientId must be a string' })
  @Length(1, CLIENT_ID_MAX_LENGTH, { message: CLIENT_ID_RULE })
  clientId?: string;

  @ApiPropertyOptional({
    description: 'The id of the message this one answers: in the same room, not deleted (404).',
    example: '1024',
  })
  @IsOptional()
  @IsMessageId()
  replyTo?: string;
}
