// @ts-check
/**
 * How fast `GET /api/rooms` answers with many rooms (issue 9, finding 8): starts the built API
 * (embedded database in a temporary DATA_DIR, or DATABASE_URL when set: use a scratch
 * database), inserts the rooms straight into the database, puts some users online, and times
 * the whole list, a page, and /api/health while 20 lists run at once.
 *
 *   npm run build && node tools/bench/rooms-list.mjs [--rooms 20000] [--runs 30] [--api path/to/main.js]
 *
 * It prints figures; it asserts nothing (speed is measured, not tested).
 */
import { parseArgs } from 'node:util';
import pg from 'pg';
import { DEFAULT_API, startApi } from './api-process.mjs';
import { summarize } from './stats.mjs';

const { values } = parseArgs({
  options: {
    rooms: { type: 'string', default: '20000' },
    runs: { type: 'string', default: '30' },
    online: { type: 'string', default: '2000', short: 'o' },
    api: { type: 'string', default: DEFAULT_API },
  },
});
const ROOMS = Number(values.rooms);
const RUNS = Number(values.runs);
const ONLINE = Number(values.online);
const PREFIX = 'rlbench-';

const api = await startApi('rooms-list', values.api);
const { timed } = api;
const series = (/** @type {string} */ path) => api.series(path, RUNS);

async function seed() {
  const { user } = await api.signup(`rlb${Date.now()}`, 'rooms-list-bench-pw');
  const db = new pg.Client({ connectionString: api.databaseUrl });
  await db.connect();
  await db.query(
    `INSERT INTO rooms (name, owner_id)
     SELECT $1 || lpad(g::text, 6, '0'), $2 FROM generate_series(1, $3) g`,
    [PREFIX, user.id, ROOMS],
  );
  // Users online: ONLINE sockets spread over the first rooms, two users per room.
  const users = await db.query(
    `INSERT INTO users (username, password_hash)
     SELECT 'rlu' || g || '_' || $2, 'x' FROM generate_series(1, $1) g RETURNING id`,
    [ONLINE, Date.now() % 100000],
  );
  const [{ id: instance }] = (await db.query('SELECT id FROM instances LIMIT 1')).rows;
  await db.query(
    `INSERT INTO presence (socket_id, room_id, user_id, instance_id, joined_at)
     SELECT 's' || u.n, r.id, u.id, $2, now()
       FROM (SELECT id, row_number() OVER () AS n FROM unnest($1::uuid[]) AS id) u
       JOIN (SELECT id, row_number() OVER (ORDER BY name) AS n FROM rooms WHERE name LIKE $3) r
         ON r.n = (u.n + 1) / 2`,
    [users.rows.map((row) => row.id), instance, `${PREFIX}%`],
  );
  return db;
}

/** /api/health while 20 whole lists are in flight; failures counted, not thrown. */
async function healthUnderLoad() {
  let failed = 0;
  const attempt = (/** @type {string} */ path) =>
    timed(path).catch(() => {
      failed += 1;
      return { ms: NaN, bytes: 0 };
    });
  const lists = Array.from({ length: 20 }, () => attempt('/api/rooms'));
  const health = [];
  for (let i = 0; i < 10; i++) health.push((await attempt('/api/health')).ms);
  await Promise.all(lists);
  return { ...summarize(health.filter((ms) => !Number.isNaN(ms))), failed };
}

let db;
try {
  db = await seed();
  const where = api.where;
  console.log(
    `\nGET /api/rooms with ${ROOMS} rooms, ${ONLINE} users online, ${where}, ${RUNS} runs`,
  );
  console.log('| request | p50 ms | p95 ms | max ms | body |');
  console.log('|---|---|---|---|---|');
  const full = await series('/api/rooms');
  console.log(
    `| whole list | ${full.p50} | ${full.p95} | ${full.max} | ${(full.bytes / 1e6).toFixed(2)} MB |`,
  );
  const page = await series(`/api/rooms?limit=100&after=${PREFIX}010000`);
  console.log(
    `| ?limit=100&after= | ${page.p50} | ${page.p95} | ${page.max} | ${(page.bytes / 1e3).toFixed(1)} kB |`,
  );
  const health = await healthUnderLoad();
  console.log(
    `| /api/health during 20 whole lists | ${health.p50} | ${health.p95} | ${health.max} | ${health.failed} failed |`,
  );
} finally {
  if (db && process.env.DATABASE_URL) {
    await db.query('DELETE FROM rooms WHERE name LIKE $1', [`${PREFIX}%`]);
    await db.query(`DELETE FROM users WHERE username LIKE 'rlu%' OR username LIKE 'rlb%'`);
  }
  await db?.end();
  await api.stop();
}
