import type { Env } from './env';

/** The validated, typed configuration. Inject this, never read `process.env`. */
export class AppConfig {
  constructor(readonly env: Env) {}

  get corsOrigins(): string[] {
    return this.env.CORS_ORIGINS.split(',')
      .map((origin) => origin.trim())
      .filter(Boolean);
  }
}
