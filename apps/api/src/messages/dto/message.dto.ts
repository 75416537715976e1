import { ApiProperty } from '@nestjs/swagger';
import {
  REACTIONS_PER_MESSAGE_MAX,
  REPLY_PREVIEW_LENGTH,
  type Message,
  type Reaction,
  type ReplyPreview,
} from '@chat/contract';
import { UserSummaryDto } from '../../users/user.dto';

export class ReplyPreviewDto implements ReplyPreview {
  @ApiProperty({ example: '1000' }) id!: string;
  @ApiProperty({ type: UserSummaryDto }) author!: UserSummaryDto;
  @ApiProperty({
    description: `The original's first ${REPLY_PREVIEW_LENGTH} code points as it is now; \`""\` once deleted.`,
  })
  content!: string;
  @ApiProperty() deleted!: boolean;
}

export class ReactionSummaryDto implements Reaction {
  @ApiProperty({ example: '👍', description: 'One RGI emoji sequence.' }) emoji!: string;
  @ApiProperty({ minimum: 1, description: 'Always `users.length`.' }) count!: number;
  @ApiProperty({ type: [UserSummaryDto], description: 'In the order they reacted.' })
  users!: UserSummaryDto[];
}

export class MessageDto implements Message {
  @ApiProperty({
    example: '1024',
    description: 'A 64-bit integer as a decimal string; grows within a room.',
  })
  id!: string;
  @ApiProperty({ example: 'general', description: 'The room name.' }) room!: string;
  @ApiProperty({ type: UserSummaryDto }) author!: UserSummaryDto;
  @ApiProperty({ description: 'Plain text; render as text, never as HTML. `""` when deleted.' })
  content!: string;
  @ApiProperty({ format: 'date-time' }) createdAt!: string;
  @ApiProperty({ type: String, nullable: true }) clientId!: string | null;
  @ApiProperty({
    example: '1031',
    description:
      'The change cursor: `id` at creation, a larger value after each edit, deletion or reaction ' +
      'change. Within a room every committed creation or change has a larger `seq` than all before it.',
  })
  seq!: string;
  @ApiProperty({ type: String, format: 'date-time', nullable: true }) editedAt!: string | null;
  @ApiProperty({
    description: 'A tombstone: content `""`, reactions and mentions `[]`, replyTo null.',
  })
  deleted!: boolean;
  @ApiProperty({ type: ReplyPreviewDto, nullable: true }) replyTo!: ReplyPreviewDto | null;
  @ApiProperty({
    type: [ReactionSummaryDto],
    maxItems: REACTIONS_PER_MESSAGE_MAX,
    description: 'One entry per distinct emoji, in the order each was first added.',
  })
  reactions!: ReactionSummaryDto[];
  @ApiProperty({ type: [UserSummaryDto], description: 'Members the message mentions.' })
  mentions!: UserSummaryDto[];
}
