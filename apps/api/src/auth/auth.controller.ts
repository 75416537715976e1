import {
  Body,
  Controller,
  Get,
  HttpCode,
  Post,
  Req,
  Res,
  UnsupportedMediaTypeException,
} from '@nestjs/common';
import {
  ApiBadRequestResponse,
  ApiConflictResponse,
  ApiCookieAuth,
  ApiCreatedResponse,
  ApiNoContentResponse,
  ApiOkResponse,
  ApiTags,
  ApiTooManyRequestsResponse,
  ApiUnauthorizedResponse,
  ApiUnsupportedMediaTypeResponse,
} from '@nestjs/swagger';
import type { Request, Response } from 'express';
import type { AuthResponse, User } from '@chat/contract';
import { DomainError } from '../common/domain-error';
import { LimitedBy } from '../limits/route-limit';
import { UserDto, toUser } from '../users/user.dto';
import { UsersService } from '../users/users.service';
import { AuthService, type SessionAnswer } from './auth.service';
import type { AuthenticatedUser } from './authenticated-user';
import { CurrentUser } from './current-user.decorator';
import { AuthResponseDto } from './dto/auth-response.dto';
import { LoginDto, SignupDto } from './dto/credentials.dto';
import { SignedIn } from './signed-in.decorator';
import {
  REFRESH_COOKIE,
  clearRefreshCookie,
  isJsonRequest,
  refreshCookieOf,
  setRefreshCookie,
} from './refresh-cookie';

const SETS_COOKIE = `Also sets the \`${REFRESH_COOKIE}\` refresh cookie (HttpOnly, SameSite=Strict, path /api/auth).`;

@ApiTags('auth')
@Controller('auth')
export class AuthController {
  constructor(
    private readonly auth: AuthService,
    private readonly users: UsersService,
  ) {}

  @Post('signup')
  @LimitedBy('signups')
  @ApiCreatedResponse({ type: AuthResponseDto, description: SETS_COOKIE })
  @ApiBadRequestResponse({ description: 'An invalid username, or a weak or common password.' })
  @ApiConflictResponse({ description: 'The username is taken (in any casing).' })
  async signup(
    @Body() body: SignupDto,
    @Req() req: Request,
    @Res({ passthrough: true }) res: Response,
  ): Promise<AuthResponse> {
    return withCookie(req, res, await this.auth.signup(body));
  }

  @Post('login')
  @HttpCode(200)
  @ApiOkResponse({ type: AuthResponseDto, description: SETS_COOKIE })
  @ApiUnauthorizedResponse({ description: 'Unknown user or wrong password (one message).' })
  @ApiTooManyRequestsResponse({ description: 'Too many failed logins for this username.' })
  async login(
    @Body() body: LoginDto,
    @Req() req: Request,
    @Res({ passthrough: true }) res: Response,
  ): Promise<AuthResponse> {
    return withCookie(req, res, await this.auth.login(body));
  }

  @Post('refresh')
  @HttpCode(200)
  @ApiCookieAuth(REFRESH_COOKIE)
  @ApiOkResponse({
    type: AuthResponseDto,
    description: 'A new access token for the session of the refresh cookie, which is replaced.',
  })
  @ApiUnauthorizedResponse({ description: 'No valid refresh cookie (the cookie is cleared).' })
  @ApiUnsupportedMediaTypeResponse({ description: 'Not sent as `Content-Type: application/json`.' })
  async refresh(
    @Req() req: Request,
    @Res({ passthrough: true }) res: Response,
  ): Promise<AuthResponse> {
    if (!isJsonRequest(req)) {
      throw new UnsupportedMediaTypeException('send the refresh as Content-Type: application/json');
    }
    try {
      return withCookie(req, res, await this.auth.refresh(refreshCookieOf(req)));
    } catch (error) {
      if (error instanceof DomainError && error.code === 'unauthorized')
        clearRefreshCookie(req, res);
      throw error;
    }
  }

  @Get('me')
  @SignedIn()
  @ApiOkResponse({ type: UserDto })
  @ApiUnauthorizedResponse({ description: 'No valid token.' })
  async me(@CurrentUser() caller: AuthenticatedUser): Promise<User> {
    const user = await this.users.findById(caller.id);
    if (!user) throw new DomainError('unauthorized', 'the account no longer exists');
    return toUser(user);
  }

  @Post('logout')
  @HttpCode(204)
  @SignedIn()
  @ApiNoContentResponse({
    description:
      'The session ends: its tokens and refresh cookie stop working (the cookie is cleared) and its sockets are disconnected.',
  })
  @ApiUnauthorizedResponse({ description: 'No valid token.' })
  async logout(
    @CurrentUser() caller: AuthenticatedUser,
    @Req() req: Request,
    @Res({ passthrough: true }) res: Response,
  ): Promise<void> {
    await this.auth.logout(caller);
    clearRefreshCookie(req, res);
  }
}

function withCookie(req: Request, res: Response, { body, refresh }: SessionAnswer): AuthResponse {
  if (refresh) setRefreshCookie(req, res, refresh);
  return body;
}
