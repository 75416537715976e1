import 'reflect-metadata';
import { plainToInstance, Type } from 'class-transformer';
import {
  IsIn,
  IsInt,
  IsOptional,
  IsString,
  Max,
  Min,
  MinLength,
  validateSync,
} from 'class-validator';

/** Every environment variable the API reads, with its default. Nothing else reads `process.env`. */
export class Env {
  @IsIn(['development', 'production', 'test'])
  NODE_ENV: 'development' | 'production' | 'test' = 'development';

  @Type(() => Number)
  @IsInt()
  @Min(0)
  @Max(65535)
  PORT = 3000;

  @IsOptional()
  @IsString()
  DATABASE_URL?: string = undefined;

  @IsString()
  DATA_DIR = './data';

  @IsOptional()
  @IsString()
  REDIS_URL?: string = undefined;

  /** Namespaces every Redis key and channel, so deployments (or test apps) can share a Redis. */
  @IsString()
  REDIS_KEY_PREFIX = 'chat:';

  @IsOptional()
  @IsString()
  @MinLength(32, { message: 'JWT_SECRET must be at least 32 characters' })
  JWT_SECRET?: string = undefined;

  // Sessions (harden-auth). Access tokens are short-lived; browsers renew them with the refresh
  // cookie, whose credential lives for SESSION_TTL_SECONDS after the last login or refresh.
  /** Lifetime of an access token (the Bearer token and the socket's `auth.token`). */
  @Type(() => Number)
  @IsInt()
  @Min(60)
  JWT_EXPIRES_IN_SECONDS = 15 * 60;

  /** Lifetime of a session's refresh credential, started again by each refresh. */
  @Type(() => Number)
  @IsInt()
  @Min(60)
  SESSION_TTL_SECONDS = 30 * 24 * 3600;

  @Type(() => Number)
  @IsInt()
  @Min(1)
  SEND_BURST = 30;

  @Type(() => Number)
  @Min(0.001)
  SEND_PER_SECOND = 10;

  @Type(() => Number)
  @IsInt()
  @Min(1)
  LOGIN_MAX_FAILURES = 10;

  @Type(() => Number)
  @IsInt()
  @Min(1)
  LOGIN_WINDOW_SECONDS = 900;

  @Type(() => Number)
  @IsInt()
  @Min(1)
  REST_PER_MINUTE = 600;

  // Limits of v2 (the contract's "v2 conventions"); all enforced by src/limits/.
  /** room:join and room:leave, together, per socket and minute. */
  @Type(() => Number)
  @IsInt()
  @Min(1)
  JOINS_PER_MINUTE = 60;

  /** A user's `typing` in a room is relayed at most once per this many seconds. */
  @Type(() => Number)
  @IsInt()
  @Min(1)
  TYPING_INTERVAL_SECONDS = 2;

  /** Open sockets per user, across instances; the next handshake gets `rate_limited`. */
  @Type(() => Number)
  @IsInt()
  @Min(1)
  SOCKETS_PER_USER = 20;

  /** Open sockets per client address, across instances. */
  @Type(() => Number)
  @IsInt()
  @Min(1)
  SOCKETS_PER_ADDRESS = 200;

  /** Rooms a user may create per hour. */
  @Type(() => Number)
  @IsInt()
  @Min(1)
  ROOMS_PER_HOUR = 10;

  /** Accounts that may be signed up per client address and hour. */
  @Type(() => Number)
  @IsInt()
  @Min(1)
  SIGNUPS_PER_HOUR = 30;

  /**
   * Messages the `missed` lists of one user's `room:join` acks may carry per minute, all rooms
   * and sockets together; beyond it a join says `missedMore` and the client pages over REST.
   */
  @Type(() => Number)
  @IsInt()
  @Min(1)
  CATCH_UP_MESSAGES_PER_MINUTE = 2000;

  /** Comma-separated origins allowed besides the API's own. */
  @IsString()
  CORS_ORIGINS = '';

  /** Express `trust proxy` setting: hops to trust, so rate limits see the client's address. */
  @Type(() => Number)
  @IsInt()
  @Min(0)
  TRUST_PROXY = 0;

  @IsIn(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'])
  LOG_LEVEL = 'info';

  /** Folder of the built SPA served at `/`; skipped when it does not exist. */
  @IsString()
  WEB_DIST = 'dist/apps/web';

  @Type(() => Number)
  @IsInt()
  @Min(100)
  PRESENCE_HEARTBEAT_MS = 5000;

  @Type(() => Number)
  @IsInt()
  @Min(200)
  PRESENCE_STALE_MS = 20000;

  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(200)
  DATABASE_POOL_SIZE = 10;
}

export const ENV_KEYS: readonly string[] = Object.keys(new Env());

export class InvalidEnvironmentError extends Error {}

/** Validates the environment, fails fast with every problem listed. */
export function parseEnv(raw: Record<string, string | undefined>): Env {
  const known = Object.fromEntries(
    Object.entries(raw).filter(([key, value]) => ENV_KEYS.includes(key) && value !== ''),
  );
  const env = plainToInstance(Env, known, { exposeDefaultValues: true });
  const errors = validateSync(env, { whitelist: false });
  if (errors.length > 0) {
    const problems = errors.flatMap((e) => Object.values(e.constraints ?? {}));
    throw new InvalidEnvironmentError(`Invalid configuration: ${problems.join('; ')}`);
  }
  if (env.NODE_ENV === 'production' && !env.JWT_SECRET) {
    throw new InvalidEnvironmentError(
      'Invalid configuration: JWT_SECRET is required in production',
    );
  }
  return env;
}
