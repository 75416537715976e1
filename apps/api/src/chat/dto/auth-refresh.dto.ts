import { IsString, Length } from 'class-validator';
import type { AuthRefreshPayload } from '@chat/contract';
import { IsPlainText } from '../../common/validation/plain-text';

/** Longer than any token this API signs, short enough that a verify attempt stays cheap. */
const TOKEN_MAX_LENGTH = 2048;

export class AuthRefreshDto implements AuthRefreshPayload {
  @IsPlainText()
  @IsString()
  @Length(1, TOKEN_MAX_LENGTH, { message: `token must be 1 to ${TOKEN_MAX_LENGTH} characters` })
  token!: string;
}
