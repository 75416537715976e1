import { ApiProperty } from '@nestjs/swagger';
import { MESSAGE_MAX_LENGTH, type EditMessageRequest } from '@chat/contract';
import { MessageContent } from './send-message.dto';

export class EditMessageDto implements EditMessageRequest {
  @ApiProperty({
    minLength: 1,
    maxLength: MESSAGE_MAX_LENGTH,
    description: 'Trimmed; plain text. The same content as stored changes nothing.',
  })
  @MessageContent()
  content!: string;
}
