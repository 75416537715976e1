import { IsString } from 'class-validator';
import { IsEmoji, IsMessageId } from '../../common/validation/message-id';
import { IsPlainText } from '../../common/validation/plain-text';
import { Describe } from '../../common/validation/shapes';

/** `/api/rooms/:name/messages/:id`: an unknown room is 404, a malformed id 400. */
export class MessageParamsDto {
  @Describe('The room name.', 'general')
  @IsPlainText()
  @IsString()
  name!: string;

  @Describe('A positive decimal integer message id.', '1024')
  @IsMessageId()
  id!: string;
}

/** `…/messages/:id/reactions/:emoji`: the emoji percent-encoded as UTF-8 in the path. */
export class ReactionParamsDto extends MessageParamsDto {
  @Describe('Exactly one emoji, percent-encoded UTF-8.', '%F0%9F%91%8D')
  @IsEmoji()
  emoji!: string;
}
