import { createHash, randomBytes } from 'node:crypto';
import { isUuid } from './authenticated-user';

/**
 * A refresh credential: `<session id>.<32 random bytes, base64url>`. The session id finds the
 * row; only the SHA-256 of the whole value is stored, so a leaked database holds no usable
 * credential (a fast hash is enough for 256 random bits).
 */
export interface RefreshCredential {
  sessionId: string;
  value: string;
  hash: Buffer;
}

const SECRET = /^[A-Za-z0-9_-]{43}$/;

const hashOf = (value: string): Buffer => createHash('sha256').update(value).digest();

export function newRefreshCredential(sessionId: string): RefreshCredential {
  const value = `${sessionId}.${randomBytes(32).toString('base64url')}`;
  return { sessionId, value, hash: hashOf(value) };
}

/** The credential a client presented, or null when it cannot be one of ours. */
export function parseRefreshCredential(value: unknown): RefreshCredential | null {
  if (typeof value !== 'string' || value.length > 100) return null;
  const [sessionId, secret, extra] = value.split('.');
  if (extra !== undefined || !isUuid(sessionId) || !secret || !SECRET.test(secret)) return null;
  return { sessionId, value, hash: hashOf(value) };
}
