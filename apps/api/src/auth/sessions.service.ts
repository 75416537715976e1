import { Injectable } from '@nestjs/common';
import { JwtService } from '@nestjs/jwt';
import { InjectRepository } from '@nestjs/typeorm';
import { IsNull, MoreThan, Repository } from 'typeorm';
import { AppConfig } from '../config/app-config';
import type { UserEntity } from '../users/user.entity';
import type { AccessTokenPayload, AuthenticatedUser } from './authenticated-user';
import { SessionEntity } from './session.entity';

/** Issues access tokens bound to a session row, and resolves tokens back to live sessions. */
@Injectable()
export class SessionsService {
  constructor(
    @InjectRepository(SessionEntity) private readonly sessions: Repository<SessionEntity>,
    private readonly jwt: JwtService,
    private readonly config: AppConfig,
  ) {}

  async open(user: UserEntity): Promise<string> {
    const lifetime = this.config.env.JWT_EXPIRES_IN_SECONDS;
    const session = await this.sessions.save(
      this.sessions.create({ userId: user.id, expiresAt: new Date(Date.now() + lifetime * 1000) }),
    );
    const payload: AccessTokenPayload = { sub: user.id, sid: session.id };
    return this.jwt.signAsync(payload, { expiresIn: lifetime });
  }

  /** The token's user, or null when the token is forged, expired or its session revoked. */
  async authenticate(token: string): Promise<AuthenticatedUser | null> {
    const payload = await this.jwt
      .verifyAsync<AccessTokenPayload>(token, { algorithms: ['HS256'] })
      .catch(() => null);
    if (!payload || typeof payload.sid !== 'string' || typeof payload.sub !== 'string') return null;
    return this.resolve(payload);
  }

  async resolve({ sub, sid }: AccessTokenPayload): Promise<AuthenticatedUser | null> {
    if (!isUuid(sid) || !isUuid(sub)) return null;
    const row = await this.sessions
      .createQueryBuilder('session')
      .innerJoin('users', 'user', 'user.id = session.user_id')
      .select(['user.id AS id', 'user.username AS username'])
      .where({ id: sid, userId: sub, revokedAt: IsNull(), expiresAt: MoreThan(new Date()) })
      .getRawOne<{ id: string; username: string }>();
    return row ? { id: row.id, username: row.username, sessionId: sid } : null;
  }

  async revoke(sessionId: string): Promise<void> {
    await this.sessions.update({ id: sessionId }, { revokedAt: new Date() });
  }
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
function isUuid(value: string): boolean {
  return UUID.test(value);
}
