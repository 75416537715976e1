import { MESSAGE_MAX_LENGTH, type EditMessageRequest } from '@chat/contract';
import { Describe } from '../../common/validation/shapes';
import { MessageContent } from './send-message.dto';

export class EditMessageDto implements EditMessageRequest {
  @Describe(
    `Trimmed, then 1..${MESSAGE_MAX_LENGTH} characters of plain text. The same content as ` +
      'stored changes nothing.',
  )
  @MessageContent()
  content!: string;
}
