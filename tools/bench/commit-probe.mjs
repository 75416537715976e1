// @ts-check
// How long one durable commit takes on this machine's PostgreSQL: the API acks a message only
// after its commit, so this is the floor under the API's ack latency that the bare server,
// which stores nothing, does not pay.
// @ts-expect-error pg ships no type declarations and @types/pg is not installed
import pg from 'pg';
import { summarize } from './stats.mjs';

const COMMITS = 200;

/** @param {string} databaseUrl */
export async function probeCommitLatency(databaseUrl) {
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  const table = `bench_commit_probe_${Math.random().toString(36).slice(2, 8)}`;
  try {
    await client.query(`CREATE TABLE ${table} (x int)`);
    /** @type {number[]} */
    const samples = [];
    for (let i = 0; i < COMMITS; i++) {
      const started = performance.now();
      await client.query('BEGIN');
      await client.query(`INSERT INTO ${table} VALUES ($1)`, [i]);
      await client.query('COMMIT');
      samples.push(performance.now() - started);
    }
    return summarize(samples);
  } finally {
    await client.query(`DROP TABLE IF EXISTS ${table}`);
    await client.end();
  }
}
