import { ApiProperty } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsString, Length } from 'class-validator';
import { MESSAGE_MAX_LENGTH, type EditMessageRequest } from '@chat/contract';
import { IsPlainText } from '../../common/validation/plain-text';
import { CONTENT_RULE } from './send-message.dto';

const trim = ({ value }: { value: unknown }) => (typeof value === 'string' ? value.trim() : value);

export class EditMessageDto implements EditMessageRequest {
  @ApiProperty({
    minLength: 1,
    maxLength: MESSAGE_MAX_LENGTH,
    description: 'Trimmed; plain text. The same content as stored changes nothing.',
  })
  @IsPlainText()
  @Transform(trim)
  @IsString({ message: 'content must be a string' })
  @Length(1, MESSAGE_MAX_LENGTH, { message: CONTENT_RULE })
  content!: string;
}
