import { IsOptional, IsString, Length } from 'class-validator';
import { USERS_PAGE_DEFAULT, USERS_PAGE_MAX, type UsersQuery } from '@chat/contract';
import { IsPlainText } from '../common/validation/plain-text';
import { Describe, PageLimit } from '../common/validation/shapes';

export class UsersQueryDto implements UsersQuery {
  @Describe('A username prefix, case-insensitive. Absent: everyone.')
  @IsOptional()
  @IsPlainText()
  @IsString({ message: 'query must be a string' })
  @Length(0, 32, { message: 'query must be at most 32 characters' })
  query?: string;

  @PageLimit(USERS_PAGE_MAX, USERS_PAGE_DEFAULT)
  limit?: number;
}
