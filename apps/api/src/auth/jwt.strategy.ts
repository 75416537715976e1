import { Injectable } from '@nestjs/common';
import { PassportStrategy } from '@nestjs/passport';
import { ExtractJwt, Strategy } from 'passport-jwt';
import { JwtSecret } from './jwt-secret';
import type { AccessTokenPayload, AuthenticatedUser } from './authenticated-user';
import { SessionsService } from './sessions.service';

/** Bearer tokens on REST: signature and expiry by passport-jwt, revocation by the session row. */
@Injectable()
export class JwtStrategy extends PassportStrategy(Strategy) {
  constructor(
    secret: JwtSecret,
    private readonly sessions: SessionsService,
  ) {
    super({
      jwtFromRequest: ExtractJwt.fromAuthHeaderAsBearerToken(),
      secretOrKey: secret.value,
      algorithms: ['HS256'],
      ignoreExpiration: false,
    });
  }

  validate(payload: AccessTokenPayload): Promise<AuthenticatedUser | null> {
    return this.sessions.resolve(payload);
  }
}
