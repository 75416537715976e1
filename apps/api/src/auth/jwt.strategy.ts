import { Injectable } from '@nestjs/common';
import { PassportStrategy } from '@nestjs/passport';
import type { Request } from 'express';
import { Strategy } from 'passport-strategy';
import type { AuthenticatedUser } from './authenticated-user';
import { SessionsService } from './sessions.service';

type Verified = (error: Error | null, user?: AuthenticatedUser | null) => void;
type Verify = (token: string, done: Verified) => void;

const BEARER = /^Bearer +([^ ]+) *$/i;

/**
 * `Authorization: Bearer <token>` and nothing else (no token in a query string or a body),
 * handed to a verify function; passport's base Strategy, as every strategy builds on.
 */
class BearerTokenStrategy extends Strategy {
  constructor(private readonly verify: Verify) {
    super();
  }

  override authenticate(req: Request): void {
    const token = BEARER.exec(req.headers.authorization ?? '')?.[1];
    if (!token) return this.fail(401);
    this.verify(token, (error, user) => {
      if (error) return this.error(error);
      if (!user) return this.fail(401);
      this.success(user);
    });
  }
}

/**
 * REST authentication: the very check sockets get at the handshake (`SessionsService.
 * authenticate`: signature and expiry with the one KeyObject, then the live session and user).
 */
@Injectable()
export class JwtStrategy extends PassportStrategy(BearerTokenStrategy, 'jwt') {
  constructor(private readonly sessions: SessionsService) {
    super();
  }

  validate(token: string): Promise<AuthenticatedUser | null> {
    return this.sessions.authenticate(token);
  }
}
