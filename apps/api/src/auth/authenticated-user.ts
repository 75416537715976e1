import type { SiteRole, UserSummary } from '@chat/contract';

/** Who is calling, on REST (`request.user`) and on sockets (`socket.data.user`). */
export interface AuthenticatedUser extends UserSummary {
  /** As it was when the token was checked (each REST request; a socket's handshake or refresh). */
  role: SiteRole;
  sessionId: string;
  /** When this identity stops holding: the access token's expiry, or the session's if sooner. */
  expiresAt: Date;
}

/** The claims of an access token this API signs. */
export interface AccessTokenPayload {
  sub: string;
  sid: string;
  /** Expiry, in seconds since the epoch. */
  exp: number;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export function isUuid(value: unknown): value is string {
  return typeof value === 'string' && UUID.test(value);
}

/** The claims when `payload` has the shape of ours (a verified token without `exp` does not). */
export function accessClaims(payload: unknown): AccessTokenPayload | null {
  if (typeof payload !== 'object' || payload === null) return null;
  const { sub, sid, exp } = payload as Partial<Record<keyof AccessTokenPayload, unknown>>;
  if (!isUuid(sub) || !isUuid(sid) || typeof exp !== 'number' || !Number.isFinite(exp)) {
    return null;
  }
  return { sub, sid, exp };
}
