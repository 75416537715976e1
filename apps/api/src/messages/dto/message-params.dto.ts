import { ApiProperty } from '@nestjs/swagger';
import { IsString } from 'class-validator';
import { IsEmoji, IsMessageId } from '../../common/validation/message-id';
import { IsPlainText } from '../../common/validation/plain-text';

/** `/api/rooms/:name/messages/:id`: an unknown room is 404, a malformed id 400. */
export class MessageParamsDto {
  @ApiProperty({ description: 'The room name.', example: 'general' })
  @IsPlainText()
  @IsString()
  name!: string;

  @ApiProperty({ description: 'A positive decimal integer message id.', example: '1024' })
  @IsMessageId()
  id!: string;
}

/** `…/messages/:id/reactions/:emoji`: the emoji percent-encoded as UTF-8 in the path. */
export class ReactionParamsDto extends MessageParamsDto {
  @ApiProperty({
    description: 'Exactly one emoji, percent-encoded UTF-8.',
    example: '%F0%9F%91%8D',
  })
  @IsEmoji()
  emoji!: string;
}
