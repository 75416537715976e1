import { DataSource } from 'typeorm';
import { dataSourceOptions } from '../../src/database/data-source';
import { MIGRATIONS } from '../../src/database/entities';
import { Memberships1765100000000 } from '../../src/database/migrations/1765100000000-memberships';
import { runMigrations } from '../../src/database/migrate';
import { createScratchDatabase, type ScratchDatabase } from './support/scratch-database';

/** A database with v1 data, upgraded to memberships and back (PostgreSQL server). */
describe('the memberships migration on a v1 database with data', () => {
  let db: ScratchDatabase;
  beforeAll(async () => {
    db = await createScratchDatabase();
  });
  afterAll(() => db.drop());

  const open = (migrations: DataSourceMigrations) =>
    new DataSource({ ...dataSourceOptions({ url: db.url, poolSize: 2 }), migrations }).initialize();
  type DataSourceMigrations = (typeof MIGRATIONS)[number][];

  it('makes rooms public, owners owner members read up to the newest message; down undoes it', async () => {
    const upgradeAt = MIGRATIONS.indexOf(Memberships1765100000000);
    const v1 = await open(MIGRATIONS.slice(0, upgradeAt));
    await runMigrations(v1);
    const [ada] = await v1.query<{ id: string }[]>(
      `INSERT INTO users (username, password_hash) VALUES ('ada', 'x') RETURNING id`,
    );
    const [busy, quiet] = await v1.query<{ id: string }[]>(
      `INSERT INTO rooms (name, owner_id) VALUES ('busy', $1), ('quiet', $1) RETURNING id`,
      [ada?.id],
    );
    await v1.query(
      `INSERT INTO messages (room_id, author_id, content) VALUES ($1, $2, 'a'), ($1, $2, 'b')`,
      [busy?.id, ada?.id],
    );
    const [newest] = await v1.query<{ id: string }[]>('SELECT max(id)::text AS id FROM messages');
    await v1.destroy();

    const v2 = await open(MIGRATIONS);
    await runMigrations(v2);
    const rooms = await v2.query<{ name: string; kind: string }[]>(
      'SELECT name, kind FROM rooms ORDER BY name',
    );
    expect(rooms).toEqual([
      { name: 'busy', kind: 'public' },
      { name: 'quiet', kind: 'public' },
    ]);
    const members = await v2.query<{ room_id: string; role: string; last_read_id: string }[]>(
      'SELECT room_id, role, last_read_id::text FROM room_members ORDER BY last_read_id',
    );
    expect(members).toEqual([
      { room_id: quiet?.id, role: 'owner', last_read_id: '0' },
      { room_id: busy?.id, role: 'owner', last_read_id: newest?.id },
    ]);

    // Undone newest first: those after memberships, then memberships itself.
    for (let i = upgradeAt; i < MIGRATIONS.length; i++) {
      await v2.undoLastMigration({ transaction: 'all' });
    }
    const [left] = await v2.query<{ tables: number; columns: number }[]>(
      `SELECT (SELECT count(*)::int FROM information_schema.tables WHERE table_name = 'room_members') AS tables,
              (SELECT count(*)::int FROM information_schema.columns
                WHERE table_name = 'rooms' AND column_name IN ('kind', 'direct_key')) AS columns`,
    );
    expect(left).toEqual({ tables: 0, columns: 0 });
    await v2.destroy();
  });
});
