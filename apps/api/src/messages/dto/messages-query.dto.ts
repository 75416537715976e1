import { IsOptional, Matches } from 'class-validator';
import { MESSAGES_PAGE_DEFAULT, MESSAGES_PAGE_MAX, type MessagesQuery } from '@chat/contract';
import { Describe, PageLimit } from '../../common/validation/shapes';

const CURSOR = /^\d{1,19}$/;
const CURSOR_RULE = 'must be a non-negative decimal integer message id';

export class MessagesQueryDto implements MessagesQuery {
  @Describe('The newest `limit` messages with id < before.')
  @IsOptional()
  @Matches(CURSOR, { message: `before ${CURSOR_RULE}` })
  before?: string;

  @Describe('The oldest `limit` messages with id > after (0: from the start).')
  @IsOptional()
  @Matches(CURSOR, { message: `after ${CURSOR_RULE}` })
  after?: string;

  @PageLimit(MESSAGES_PAGE_MAX, MESSAGES_PAGE_DEFAULT)
  limit?: number;
}
