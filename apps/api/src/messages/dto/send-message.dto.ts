import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsOptional, IsString, Length } from 'class-validator';
import { CLIENT_ID_MAX_LENGTH, MESSAGE_MAX_LENGTH, type SendMessageRequest } from '@chat/contract';
import { IsMessageId } from '../../common/validation/message-id';
import { IsPlainText } from '../../common/validation/plain-text';

const trim = ({ value }: { value: unknown }) => (typeof value === 'string' ? value.trim() : value);

export const CONTENT_RULE = `content must be 1 to ${MESSAGE_MAX_LENGTH} characters after trimming`;
export const CLIENT_ID_RULE = `clientId must be 1 to ${CLIENT_ID_MAX_LENGTH} characters`;

export class SendMessageDto implements SendMessageRequest {
  @ApiProperty({ minLength: 1, maxLength: MESSAGE_MAX_LENGTH, description: 'Trimmed; plain text.' })
  @IsPlainText()
  @Transform(trim)
  @IsString({ message: 'content must be a string' })
  @Length(1, MESSAGE_MAX_LENGTH, { message: CONTENT_RULE })
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
