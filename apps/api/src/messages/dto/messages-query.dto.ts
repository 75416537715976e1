import { ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsInt, IsOptional, Matches, Max, Min } from 'class-validator';
import { MESSAGES_PAGE_DEFAULT, MESSAGES_PAGE_MAX, type MessagesQuery } from '@chat/contract';

const CURSOR = /^\d{1,19}$/;
const CURSOR_RULE = 'must be a non-negative decimal integer message id';

export class MessagesQueryDto implements MessagesQuery {
  @ApiPropertyOptional({ description: 'The newest `limit` messages with id < before.' })
  @IsOptional()
  @Matches(CURSOR, { message: `before ${CURSOR_RULE}` })
  before?: string;

  @ApiPropertyOptional({
    description: 'The oldest `limit` messages with id > after (0: from the start).',
  })
  @IsOptional()
  @Matches(CURSOR, { message: `after ${CURSOR_RULE}` })
  after?: string;

  @ApiPropertyOptional({ minimum: 1, maximum: MESSAGES_PAGE_MAX, default: MESSAGES_PAGE_DEFAULT })
  @IsOptional()
  @Type(() => Number)
  @IsInt({ message: `limit must be an integer from 1 to ${MESSAGES_PAGE_MAX}` })
  @Min(1, { message: `limit must be an integer from 1 to ${MESSAGES_PAGE_MAX}` })
  @Max(MESSAGES_PAGE_MAX, { message: `limit must be an integer from 1 to ${MESSAGES_PAGE_MAX}` })
  limit?: number;
}
