import { IsBoolean, IsInt, IsString, MaxLength, Min } from 'class-validator';
import {
  CLIENT_ID_MAX_LENGTH,
  MESSAGE_MAX_LENGTH,
  REACTIONS_PER_MESSAGE_MAX,
  REPLY_PREVIEW_LENGTH,
  type Message,
  type Reaction,
  type ReplyPreview,
} from '@chat/contract';
import { IsEmoji, IsMessageId } from '../../common/validation/message-id';
import {
  Describe,
  IsNested,
  IsNestedArray,
  IsTimestamp,
  Nullable,
} from '../../common/validation/shapes';
import { UserSummaryDto } from '../../users/user.dto';

export class ReplyPreviewDto implements ReplyPreview {
  @Describe('The id of the message answered.', '1000') @IsMessageId() id!: string;
  @IsNested(() => UserSummaryDto) author!: UserSummaryDto;
  @Describe(
    `The original's first ${REPLY_PREVIEW_LENGTH} code points as it is now; \`""\` once deleted.`,
  )
  @IsString()
  @MaxLength(REPLY_PREVIEW_LENGTH)
  content!: string;
  @IsBoolean() deleted!: boolean;
}

export class ReactionSummaryDto implements Reaction {
  @Describe('One RGI emoji sequence.', '👍') @IsEmoji() emoji!: string;
  @Describe('Always `users.length`.') @IsInt() @Min(1) count!: number;
  @Describe('In the order they reacted.')
  @IsNestedArray(() => UserSummaryDto)
  users!: UserSummaryDto[];
}

export class MessageDto implements Message {
  @Describe(
    'A positive 64-bit integer as a decimal string; grows within a room. Compare as a big integer.',
    '1024',
  )
  @IsMessageId()
  id!: string;
  @Describe('The room name.', 'general') @IsString() room!: string;
  @IsNested(() => UserSummaryDto) author!: UserSummaryDto;
  @Describe('Plain text, trimmed; render as text, never as HTML. `""` when deleted.')
  @IsString()
  @MaxLength(MESSAGE_MAX_LENGTH)
  content!: string;
  @IsTimestamp() createdAt!: string;
  @Describe('As given by the sender; null without one.')
  @Nullable()
  @IsString()
  @MaxLength(CLIENT_ID_MAX_LENGTH)
  clientId!: string | null;
  @Describe(
    'The change cursor: `id` at creation, a larger value after each edit, deletion or reaction ' +
      'change. Within a room every committed creation or change has a larger `seq` than all ' +
      'before it; a client’s cursor for a room is the largest `seq` it has seen there.',
    '1031',
  )
  @IsMessageId()
  seq!: string;
  @Nullable() @IsTimestamp() editedAt!: string | null;
  @Describe('A tombstone: content `""`, reactions and mentions `[]`, replyTo null.')
  @IsBoolean()
  deleted!: boolean;
  @Describe('The message answered, as it is now.')
  @Nullable()
  @IsNested(() => ReplyPreviewDto)
  replyTo!: ReplyPreviewDto | null;
  @Describe('One entry per distinct emoji, in the order each was first added.')
  @IsNestedArray(() => ReactionSummaryDto, REACTIONS_PER_MESSAGE_MAX)
  reactions!: ReactionSummaryDto[];
  @Describe('Members the message mentions, in order of first appearance, once each.')
  @IsNestedArray(() => UserSummaryDto)
  mentions!: UserSummaryDto[];
}
