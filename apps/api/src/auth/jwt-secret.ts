import { createSecretKey, randomBytes, type KeyObject } from 'node:crypto';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { ensurePrivateFolder, PRIVATE_FILE_MODE, restrictFile } from '../common/private-files';
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
   * DATA_DIR (0700) as `jwt-secret` (0600), so tokens survive restarts of a local install
   * without any setup.
   */
  static resolve(env: Env): JwtSecret {
    if (env.JWT_SECRET) return new JwtSecret(env.JWT_SECRET);
    ensurePrivateFolder(env.DATA_DIR);
    const file = join(env.DATA_DIR, 'jwt-secret');
    const existing = readIfPresent(file);
    if (existing !== undefined) {
      // A key written by an older version may be readable by others.
      restrictFile(file);
      return new JwtSecret(existing);
    }
    const secret = randomBytes(48).toString('base64url');
    writeFileSync(file, secret, { mode: PRIVATE_FILE_MODE, flag: 'wx' });
    return new JwtSecret(secret);
  }
}

function readIfPresent(file: string): string | undefined {
  try {
    return readFileSync(file, 'utf8').trim();
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw error;
  }
}
