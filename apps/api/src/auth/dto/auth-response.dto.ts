import { ApiProperty } from '@nestjs/swagger';
import type { AuthResponse } from '@chat/contract';
import { UserDto } from '../../users/user.dto';

export class AuthResponseDto implements AuthResponse {
  @ApiProperty({
    description: 'Send as `Authorization: Bearer <token>` and as the socket `auth.token`.',
  })
  accessToken!: string;

  @ApiProperty({ type: UserDto })
  user!: UserDto;
}
