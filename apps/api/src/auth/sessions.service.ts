import { Injectable } from '@nestjs/common';
import { JwtService } from '@nestjs/jwt';
import { InjectRepository } from '@nestjs/typeorm';
import { randomUUID } from 'node:crypto';
import { IsNull, Repository, type EntityManager } from 'typeorm';
import { AppConfig } from '../config/app-config';
import { UsersService } from '../users/users.service';
import {
  accessClaims,
  type AccessTokenPayload,
  type AuthenticatedUser,
} from './authenticated-user';
import {
  newRefreshCredential,
  parseRefreshCredential,
  type RefreshCredential,
} from './refresh-credential';
import { SessionEntity } from './session.entity';

/** An access token and when it expires. */
export interface AccessToken {
  token: string;
  expiresAt: Date;
}

/** What a login (or a refresh) hands the client: the token, and the cookie's new credential. */
export interface IssuedSession {
  userId: string;
  access: AccessToken;
  /** Absent when a concurrent refresh already rotated the credential (see `refresh`). */
  refresh?: { value: string; expiresAt: Date };
}

export type RefreshOutcome =
  | { kind: 'issued'; session: IssuedSession }
  | { kind: 'replayed'; sessionId: string }
  | { kind: 'refused' };

/**
 * Two tabs of one browser refresh with the same cookie at the same moment: the one that loses
 * the race presents the credential the other just replaced. Within this many milliseconds of
 * that rotation it gets an access token (its cookie is already on its way); later, presenting
 * a replaced credential is a replay and ends the session.
 */
export const REFRESH_RACE_GRACE_MS = 10_000;

/**
 * The `sessions` table's owner. Issues access tokens bound to a session row, resolves tokens back
 * to live sessions (REST and sockets use the same check), and rotates refresh credentials.
 */
@Injectable()
export class SessionsService {
  constructor(
    @InjectRepository(SessionEntity) private readonly sessions: Repository<SessionEntity>,
    private readonly users: UsersService,
    private readonly jwt: JwtService,
    private readonly config: AppConfig,
  ) {}

  async open(userId: string): Promise<IssuedSession> {
    const credential = newRefreshCredential(randomUUID());
    const expiresAt = this.sessionExpiry();
    await this.sessions.insert({
      id: credential.sessionId,
      userId,
      expiresAt,
      refreshHash: credential.hash,
    });
    return {
      userId,
      access: await this.accessToken(userId, credential.sessionId, expiresAt),
      refresh: { value: credential.value, expiresAt },
    };
  }

  /**
   * The token's user, or null when the token is forged, expired, its session ended or its account
   * is deactivated.
   */
  async authenticate(token: string): Promise<AuthenticatedUser | null> {
    const payload: unknown = await this.jwt
      .verifyAsync<object>(token, { algorithms: ['HS256'] })
      .catch(() => null);
    const claims = accessClaims(payload);
    return claims ? this.resolve(claims) : null;
  }

  async resolve({ sub, sid, exp }: AccessTokenPayload): Promise<AuthenticatedUser | null> {
    // Plain SQL rather than a find: every REST call and handshake runs it, and TypeORM's query
    // builder cost more CPU than the query (docs/performance.md, "Memberships (issue 12)").
    const [[session], user] = await Promise.all([
      this.sessions.query<{ expires_at: Date }[]>(
        `SELECT expires_at FROM sessions
          WHERE id = $1 AND user_id = $2 AND revoked_at IS NULL AND expires_at > $3`,
        [sid, sub, new Date()],
      ),
      this.users.findActive(sub),
    ]);
    if (!session || !user) return null;
    const expiresAt = new Date(Math.min(exp * 1000, session.expires_at.getTime()));
    return { id: user.id, username: user.username, role: user.role, sessionId: sid, expiresAt };
  }

  /**
   * Exchanges a refresh credential for a new access token and a new credential (the old one
   * stops working), and starts the session's lifetime again. The swap is one conditional
   * UPDATE, so of two requests with the same credential exactly one rotates it.
   */
  async refresh(presented: unknown): Promise<RefreshOutcome> {
    const credential = parseRefreshCredential(presented);
    if (!credential) return { kind: 'refused' };
    const next = newRefreshCredential(credential.sessionId);
    const expiresAt = this.sessionExpiry();
    const [rows] = await this.sessions.query<[{ user_id: string }[], number]>(
      `UPDATE sessions
          SET refresh_hash = $3, previous_refresh_hash = refresh_hash, refreshed_at = now(),
              expires_at = $4
        WHERE id = $1 AND refresh_hash = $2 AND revoked_at IS NULL AND expires_at > now()
        RETURNING user_id`,
      [credential.sessionId, credential.hash, next.hash, expiresAt],
    );
    const rotated = rows[0];
    if (rotated) {
      const access = await this.accessToken(rotated.user_id, credential.sessionId, expiresAt);
      const session = {
        userId: rotated.user_id,
        access,
        refresh: { value: next.value, expiresAt },
      };
      return { kind: 'issued', session };
    }
    return this.refreshWithReplaced(credential);
  }

  /** The credential was not the current one: a lost race (grace), a replay, or nothing. */
  private async refreshWithReplaced(credential: RefreshCredential): Promise<RefreshOutcome> {
    const [row] = await this.sessions.query<
      { user_id: string; expires_at: Date; replaced: boolean; recent: boolean }[]
    >(
      `SELECT user_id, expires_at, previous_refresh_hash = $2 AS replaced,
              refreshed_at > now() - make_interval(secs => $3) AS recent
         FROM sessions
        WHERE id = $1 AND revoked_at IS NULL AND expires_at > now()`,
      [credential.sessionId, credential.hash, REFRESH_RACE_GRACE_MS / 1000],
    );
    if (!row?.replaced) return { kind: 'refused' };
    if (!row.recent) return { kind: 'replayed', sessionId: credential.sessionId };
    const access = await this.accessToken(row.user_id, credential.sessionId, row.expires_at);
    return { kind: 'issued', session: { userId: row.user_id, access } };
  }

  async revoke(sessionId: string): Promise<void> {
    await this.sessions.update({ id: sessionId, revokedAt: IsNull() }, { revokedAt: new Date() });
  }

  /** Ends every session of the user, in the caller's transaction (a deactivation). */
  revokeAllOf(manager: EntityManager, userId: string): Promise<void> {
    return revokeSessionsOf(manager, userId);
  }

  /** Deletes up to `limit` sessions that ended (expired or revoked); returns how many. */
  async deleteEnded(limit: number): Promise<number> {
    const [, count] = await this.sessions.query<[unknown[], number]>(
      `DELETE FROM sessions WHERE id IN (
         SELECT id FROM sessions WHERE expires_at < now() OR revoked_at IS NOT NULL LIMIT $1)`,
      [limit],
    );
    return count;
  }

  private sessionExpiry(): Date {
    return new Date(Date.now() + this.config.env.SESSION_TTL_SECONDS * 1000);
  }

  /** JWT_EXPIRES_IN_SECONDS from now, but never past the session's own end. */
  private async accessToken(
    userId: string,
    sessionId: string,
    sessionExpiresAt: Date,
  ): Promise<AccessToken> {
    const wanted = Math.floor(Date.now() / 1000) + this.config.env.JWT_EXPIRES_IN_SECONDS;
    const exp = Math.min(wanted, Math.floor(sessionExpiresAt.getTime() / 1000));
    const payload: AccessTokenPayload = { sub: userId, sid: sessionId, exp };
    return { token: await this.jwt.signAsync(payload), expiresAt: new Date(exp * 1000) };
  }
}

/**
 * Ends every session of the user (its tokens and refresh credentials stop working). Also for the
 * operator's command line, which runs without the app: this module still owns the table.
 */
export async function revokeSessionsOf(manager: EntityManager, userId: string): Promise<void> {
  await manager.update(SessionEntity, { userId, revokedAt: IsNull() }, { revokedAt: new Date() });
}
