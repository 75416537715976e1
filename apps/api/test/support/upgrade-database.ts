import { DataSource } from 'typeorm';
import { dataSourceOptions } from '../../src/database/data-source';
import { MIGRATIONS } from '../../src/database/entities';
import { freshDatabase, type FreshDatabase } from './fresh-database';

type Migration = (typeof MIGRATIONS)[number];

/**
 * A fresh database for a suite that tests an upgrade: data written with the schema as it was
 * before `migration`, then the migrations up to and including it. `before` and `upToIt` each
 * give a DataSource on that database that knows only those migrations.
 */
export function useUpgradeDatabase(migration: Migration) {
  let db: FreshDatabase | undefined;
  beforeAll(async () => {
    db = await freshDatabase(3);
  }, 90_000);
  afterAll(() => db?.drop());

  const at = MIGRATIONS.indexOf(migration);
  const open = (migrations: Migration[]) => {
    if (!db) throw new Error('the database is made in beforeAll');
    const options = dataSourceOptions({ url: db.url, poolSize: 2 });
    return new DataSource({ ...options, migrations }).initialize();
  };
  return {
    /** The schema before the migration. */
    before: () => open(MIGRATIONS.slice(0, at)),
    /** The schema with it as the last migration, so undoing the last one undoes it. */
    upToIt: () => open(MIGRATIONS.slice(0, at + 1)),
  };
}
