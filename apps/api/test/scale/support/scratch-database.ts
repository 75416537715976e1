import { randomBytes } from 'node:crypto';
import { DataSource } from 'typeorm';

/** The machine's PostgreSQL, where each test file gets a database of its own. */
const ADMIN_URL =
  process.env.SCALE_ADMIN_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';

export interface ScratchDatabase {
  url: string;
  drop(): Promise<void>;
}

async function asAdmin(adminUrl: string, sql: string): Promise<void> {
  const admin = new DataSource({ type: 'postgres', url: adminUrl, extra: { max: 1 } });
  await admin.initialize();
  try {
    await admin.query(sql);
  } finally {
    await admin.destroy();
  }
}

/** `CREATE DATABASE scale_<random>`; the API processes migrate it when they boot. */
export async function createScratchDatabase(adminUrl = ADMIN_URL): Promise<ScratchDatabase> {
  const name = `scale_${randomBytes(6).toString('hex')}`;
  await asAdmin(adminUrl, `CREATE DATABASE ${name}`);
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  return {
    url: url.toString(),
    drop: () => asAdmin(adminUrl, `DROP DATABASE IF EXISTS ${name} WITH (FORCE)`),
  };
}
