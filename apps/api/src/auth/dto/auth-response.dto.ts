import { IsString } from 'class-validator';
import type { AuthResponse } from '@chat/contract';
import { Describe, IsNested, IsTimestamp } from '../../common/validation/shapes';
import { UserDto } from '../../users/user.dto';

export class AuthResponseDto implements AuthResponse {
  @Describe(
    'Send as `Authorization: Bearer <token>` and as the socket `auth.token`. Short-lived ' +
      '(JWT_EXPIRES_IN_SECONDS, 15 minutes by default): renew it with `POST /api/auth/refresh`.',
  )
  @IsString()
  accessToken!: string;

  @IsNested(() => UserDto)
  user!: UserDto;

  @Describe('When `accessToken` expires (and a socket opened with it is disconnected).')
  @IsTimestamp()
  expiresAt!: string;
}
