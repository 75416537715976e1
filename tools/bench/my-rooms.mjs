// @ts-check
/**
 * How fast `GET /api/me/rooms` answers for a member of many busy rooms (issue 12: 50 rooms of
 * 10,000 messages each, p99 under 20 ms on PostgreSQL), and what the read-marker UPDATE that
 * every send now makes costs. Starts the built API (DATABASE_URL when set: use a scratch
 * database; else the embedded one), writes the rooms, memberships, messages and mentions straight
 * into the database, and times the list with the reader's marker in three places: at the newest
 * message (nothing unread), 150 messages back (both counts stop at 100) and at 0 (never read).
 *
 *   npm run build && node tools/bench/my-rooms.mjs [--rooms 50] [--messages 10000] [--runs 200]
 *
 * It prints figures; it asserts nothing (speed is measured, not tested).
 */
import { dirname, join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';
import pg from 'pg';
import { DEFAULT_API, startApi } from './api-process.mjs';
import { summarize } from './stats.mjs';

const { values } = parseArgs({
  options: {
    rooms: { type: 'string', default: '50' },
    messages: { type: 'string', default: '10000' },
    runs: { type: 'string', default: '200' },
    markers: { type: 'string', default: '500' },
    /** Leave the rooms, messages and accounts in the database, to look at the plans. */
    keep: { type: 'boolean', default: false },
    api: { type: 'string', default: DEFAULT_API },
  },
});
const ROOMS = Number(values.rooms);
const MESSAGES = Number(values.messages);
const RUNS = Number(values.runs);
const MARKERS = Number(values.markers);
/** One message in this many mentions the reader. */
const MENTION_EVERY = 40;

const stamp = Date.now().toString(36);
const PREFIX = `mrbench-${stamp}-`;
const api = await startApi('my-rooms', values.api);
const db = new pg.Client({ connectionString: api.databaseUrl });

async function seed() {
  const reader = await api.signup(`mrr${stamp}`, 'my-rooms-bench-pw');
  const writer = await api.signup(`mrw${stamp}`, 'my-rooms-bench-pw');
  const started = performance.now();
  const rooms = await db.query(
    `INSERT INTO rooms (name, owner_id)
     SELECT $1 || lpad(g::text, 3, '0'), $2 FROM generate_series(1, $3) g RETURNING id`,
    [PREFIX, writer.user.id, ROOMS],
  );
  const roomIds = rooms.rows.map((row) => row.id);
  await db.query(
    `INSERT INTO room_members (room_id, user_id, role)
     SELECT r, $2::uuid, 'owner' FROM unnest($1::uuid[]) r
     UNION ALL SELECT r, $3::uuid, 'member' FROM unnest($1::uuid[]) r`,
    [roomIds, writer.user.id, reader.user.id],
  );
  // Room by room, so each room's ids are one run (as live traffic interleaves them, roughly).
  for (const roomId of roomIds) {
    await db.query(
      `INSERT INTO messages (room_id, author_id, content)
       SELECT $1, $2, CASE WHEN g % $5 = 0 THEN 'hello @' || $4 ELSE 'bench message ' || g END
         FROM generate_series(1, $3) g`,
      [roomId, writer.user.id, MESSAGES, `mrr${stamp}`, MENTION_EVERY],
    );
  }
  await db.query(
    `INSERT INTO message_mentions (message_id, room_id, user_id, ord)
     SELECT id, room_id, $2, 0 FROM messages
      WHERE room_id = ANY($1::uuid[]) AND content LIKE 'hello @%'`,
    [roomIds, reader.user.id],
  );
  await db.query('ANALYZE messages; ANALYZE room_members; ANALYZE message_mentions');
  const seconds = ((performance.now() - started) / 1000).toFixed(1);
  console.log(`seeded ${ROOMS} rooms × ${MESSAGES} messages in ${seconds} s`);
  return { reader, writer, roomIds };
}

/** Puts the reader's marker `behind` messages before each room's newest (null: at 0). */
async function placeMarkers(/** @type {string} */ readerId, /** @type {number|null} */ behind) {
  await db.query(
    `UPDATE room_members rm
        SET last_read_id = CASE WHEN $3::int IS NULL THEN 0
                                ELSE (SELECT max(id) FROM messages m WHERE m.room_id = rm.room_id) - $3 END
      WHERE rm.user_id = $1 AND rm.room_id = ANY($2::uuid[])`,
    [readerId, seeded.roomIds, behind],
  );
}

/**
 * The marker move every send now makes (RoomMembersService.markRead), one autocommit statement
 * on its own connection: the API's own statement, taken from the build beside the API this
 * script starts, timed `MARKERS` times with a growing id.
 */
async function markerCost(/** @type {string} */ userId, /** @type {string} */ roomId) {
  const built = pathToFileURL(join(dirname(values.api), 'memberships/room-members.service.js'));
  const { MARK_READ_SQL } = await import(built.href);
  const [{ max }] = (
    await db.query('SELECT max(id)::bigint AS max FROM messages WHERE room_id = $1', [roomId])
  ).rows;
  const samples = [];
  for (let i = 0; i < MARKERS; i++) {
    const started = performance.now();
    await db.query(MARK_READ_SQL, [roomId, userId, BigInt(max) - BigInt(MARKERS - i)]);
    samples.push(performance.now() - started);
  }
  return summarize(samples);
}

/** A durable commit alone, for scale: one single-row autocommit INSERT into a scratch table. */
async function commitCost() {
  const table = `mr_probe_${stamp}`;
  await db.query(`CREATE TABLE ${table} (x int)`);
  try {
    const samples = [];
    for (let i = 0; i < MARKERS; i++) {
      const started = performance.now();
      await db.query(`INSERT INTO ${table} VALUES ($1)`, [i]);
      samples.push(performance.now() - started);
    }
    return summarize(samples);
  } finally {
    await db.query(`DROP TABLE ${table}`);
  }
}

/** @type {{ reader: { accessToken: string, user: { id: string } }, writer: { user: { id: string } }, roomIds: string[] }} */
let seeded = {
  reader: { accessToken: '', user: { id: '' } },
  writer: { user: { id: '' } },
  roomIds: [],
};
try {
  await db.connect();
  seeded = await seed();
  const auth = { headers: { authorization: `Bearer ${seeded.reader.accessToken}` } };
  console.log(
    `\nGET /api/me/rooms, a member of ${ROOMS} rooms × ${MESSAGES} messages (one in ${MENTION_EVERY} mentions them), ${api.where}, ${RUNS} runs each`,
  );
  console.log('| reader’s marker | p50 ms | p95 ms | p99 ms | max ms | body |');
  console.log('|---|---|---|---|---|---|');
  // The floor under any answer: an authenticated request that reads one row.
  const floor = await api.series('/api/auth/me', RUNS, auth);
  console.log(
    `| (GET /api/auth/me, for scale) | ${floor.p50} | ${floor.p95} | ${floor.p99} | ${floor.max} | ${(floor.bytes / 1e3).toFixed(1)} kB |`,
  );
  for (const [label, behind] of /** @type {[string, number|null][]} */ ([
    ['at the newest message (0 unread)', 0],
    ['150 back (counts stop at 100)', 150],
    ['at 0 (never read)', null],
  ])) {
    await placeMarkers(seeded.reader.user.id, behind);
    const s = await api.series('/api/me/rooms', RUNS, auth);
    console.log(
      `| ${label} | ${s.p50} | ${s.p95} | ${s.p99} | ${s.max} | ${(s.bytes / 1e3).toFixed(1)} kB |`,
    );
  }
  const marker = await markerCost(seeded.writer.user.id, seeded.roomIds[0]);
  const commit = await commitCost();
  console.log(`\nThe send path's marker UPDATE, ${MARKERS} autocommit statements:`);
  console.log('| statement | p50 ms | p95 ms | p99 ms | max ms |');
  console.log('|---|---|---|---|---|');
  console.log(
    `| marker UPDATE (markRead) | ${marker.p50} | ${marker.p95} | ${marker.p99} | ${marker.max} |`,
  );
  console.log(
    `| single-row INSERT, for scale | ${commit.p50} | ${commit.p95} | ${commit.p99} | ${commit.max} |`,
  );
} finally {
  if (process.env.DATABASE_URL && seeded.roomIds.length && !values.keep) {
    await db.query('DELETE FROM rooms WHERE name LIKE $1', [`${PREFIX}%`]);
    await db.query('DELETE FROM users WHERE username IN ($1, $2)', [`mrr${stamp}`, `mrw${stamp}`]);
  }
  await db.end().catch(() => undefined);
  await api.stop();
}
