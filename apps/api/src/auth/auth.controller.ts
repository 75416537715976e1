import { Body, Controller, Get, HttpCode, Post, UseGuards } from '@nestjs/common';
import {
  ApiBadRequestResponse,
  ApiBearerAuth,
  ApiConflictResponse,
  ApiCreatedResponse,
  ApiNoContentResponse,
  ApiOkResponse,
  ApiTags,
  ApiTooManyRequestsResponse,
  ApiUnauthorizedResponse,
} from '@nestjs/swagger';
import type { AuthResponse, User } from '@chat/contract';
import { UserDto, toUser } from '../users/user.dto';
import { UsersService } from '../users/users.service';
import { AuthService } from './auth.service';
import type { AuthenticatedUser } from './authenticated-user';
import { CurrentUser } from './current-user.decorator';
import { AuthResponseDto } from './dto/auth-response.dto';
import { LoginDto, SignupDto } from './dto/credentials.dto';
import { JwtAuthGuard } from './jwt-auth.guard';
import { DomainError } from '../common/domain-error';
import { LimitedBy } from '../limits/route-limit';

@ApiTags('auth')
@Controller('auth')
export class AuthController {
  constructor(
    private readonly auth: AuthService,
    private readonly users: UsersService,
  ) {}

  @Post('signup')
  @LimitedBy('signups')
  @ApiCreatedResponse({ type: AuthResponseDto })
  @ApiBadRequestResponse({ description: 'An invalid username or password.' })
  @ApiConflictResponse({ description: 'The username is taken (in any casing).' })
  signup(@Body() body: SignupDto): Promise<AuthResponse> {
    return this.auth.signup(body);
  }

  @Post('login')
  @HttpCode(200)
  @ApiOkResponse({ type: AuthResponseDto })
  @ApiUnauthorizedResponse({ description: 'Unknown user or wrong password (one message).' })
  @ApiTooManyRequestsResponse({ description: 'Too many failed logins for this username.' })
  login(@Body() body: LoginDto): Promise<AuthResponse> {
    return this.auth.login(body);
  }

  @Get('me')
  @UseGuards(JwtAuthGuard)
  @ApiBearerAuth()
  @ApiOkResponse({ type: UserDto })
  @ApiUnauthorizedResponse({ description: 'No valid token.' })
  async me(@CurrentUser() caller: AuthenticatedUser): Promise<User> {
    const user = await this.users.findById(caller.id);
    if (!user) throw new DomainError('unauthorized', 'the account no longer exists');
    return toUser(user);
  }

  @Post('logout')
  @HttpCode(204)
  @UseGuards(JwtAuthGuard)
  @ApiBearerAuth()
  @ApiNoContentResponse({ description: 'The token is revoked and its sockets disconnected.' })
  @ApiUnauthorizedResponse({ description: 'No valid token.' })
  logout(@CurrentUser() caller: AuthenticatedUser): Promise<void> {
    return this.auth.logout(caller);
  }
}
