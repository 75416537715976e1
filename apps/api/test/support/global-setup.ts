import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DataSource } from 'typeorm';
import { dataSourceOptions } from '../../src/database/data-source';
import { startEmbeddedPostgres } from '../../src/database/embedded-postgres';
import { runMigrations } from '../../src/database/migrate';

declare global {
  var __EMBEDDED_PG_STOP__: (() => Promise<void>) | undefined;
}

/**
 * One database for the whole run: DATABASE_URL when given (CI's real PostgreSQL), else an
 * embedded PGlite started here, outside the Jest workers, which cannot load its WASM. The workers
 * inherit DATABASE_URL. Migrations run once here; each app's own run then finds nothing to do.
 */
export default async function globalSetup(): Promise<void> {
  if (!process.env.DATABASE_URL) {
    const embedded = await startEmbeddedPostgres(undefined, 60);
    process.env.DATABASE_URL = embedded.url;
    globalThis.__EMBEDDED_PG_STOP__ = () => embedded.stop();
  }
  process.env.DATA_DIR ??= mkdtempSync(join(tmpdir(), 'chat-test-'));
  process.env.LOG_LEVEL ??= 'silent';
  process.env.WEB_DIST ??= join(tmpdir(), 'no-spa-in-api-tests');
  const dataSource = await new DataSource(
    dataSourceOptions({ url: process.env.DATABASE_URL, poolSize: 2 }),
  ).initialize();
  await runMigrations(dataSource);
  await dataSource.destroy();
}
