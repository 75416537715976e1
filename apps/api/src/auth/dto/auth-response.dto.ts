import { ApiProperty } from '@nestjs/swagger';
import type { AuthResponse } from '@chat/contract';
import { UserDto } from '../../users/user.dto';

export class AuthResponseDto implements AuthResponse {
  @ApiProperty({
    description:
      'Send as `Authorization: Bearer <token>` and as the socket `auth.token`. Short-lived ' +
      '(JWT_EXPIRES_IN_SECONDS, 15 minutes by default): renew it with `POST /api/auth/refresh`.',
  })
  accessToken!: string;

  @ApiProperty({ type: UserDto })
  user!: UserDto;

  @ApiProperty({
    format: 'date-time',
    description: 'When `accessToken` expires (and a socket opened with it is disconnected).',
  })
  expiresAt!: string;
}
