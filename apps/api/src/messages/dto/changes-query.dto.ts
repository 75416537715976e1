import { Matches } from 'class-validator';
import { CHANGES_PAGE_DEFAULT, CHANGES_PAGE_MAX, type ChangesQuery } from '@chat/contract';
import { Describe, PageLimit } from '../../common/validation/shapes';

export class ChangesQueryDto implements ChangesQuery {
  @Describe(
    'The client’s cursor: the largest `seq` it has seen (a message id is one too; `0` from the start).',
    '1024',
  )
  @Matches(/^\d{1,19}$/, { message: 'after must be a non-negative decimal integer cursor' })
  after!: string;

  @PageLimit(CHANGES_PAGE_MAX, CHANGES_PAGE_DEFAULT)
  limit?: number;
}
