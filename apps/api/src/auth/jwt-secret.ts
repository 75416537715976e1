import { createSecretKey, randomBytes, type KeyObject } from 'node:crypto';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Env } from '../config/env';

/** The HMAC key for access tokens. */
export class JwtSecret {
  /**
   * The same secret as a KeyObject, for signing and for the socket handshake: given a string,
   * jsonwebtoken first tries to parse it as a PEM public/private key on every call, and that
   * failed parse (an exception with a stack) cost more than the HMAC itself.
   */
  readonly key: KeyObject;

  constructor(readonly value: string) {
    this.key = createSecretKey(Buffer.from(value));
  }

  /**
   * JWT_SECRET when set (production requires it). Otherwise a random key made once and kept in
   * DATA_DIR, so tokens survive restarts of a local install without any setup.
   */
  static resolve(env: Env): JwtSecret {
    if (env.JWT_SECRET) return new JwtSecret(env.JWT_SECRET);
    const file = join(env.DATA_DIR, 'jwt-secret');
    try {
      return new JwtSecret(readFileSync(file, 'utf8').trim());
    } catch {
      mkdirSync(env.DATA_DIR, { recursive: true });
      const secret = randomBytes(48).toString('base64url');
      writeFileSync(file, secret, { mode: 0o600, flag: 'wx' });
      return new JwtSecret(secret);
    }
  }
}
