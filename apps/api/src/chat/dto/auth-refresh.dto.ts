import { IsString, Length } from 'class-validator';
import type { AuthRefreshPayload } from '@chat/contract';
import { IsPlainText } from '../../common/validation/plain-text';
import { Describe } from '../../common/validation/shapes';

/** Longer than any token this API signs, short enough that a verify attempt stays cheap. */
const TOKEN_MAX_LENGTH = 2048;

export class AuthRefreshDto implements AuthRefreshPayload {
  @Describe('A newer access token of the same session (from `POST /api/auth/refresh`).')
  @IsPlainText()
  @IsString()
  @Length(1, TOKEN_MAX_LENGTH, { message: `token must be 1 to ${TOKEN_MAX_LENGTH} characters` })
  token!: string;
}
