import request from 'supertest';
import { DataSource } from 'typeorm';
import type { UserSummary } from '@chat/contract';
import { USER_SEARCH_SQL } from '../src/users/users.service';
import { bearer, signup, uniqueName, type TestUser } from './support/factories';
import { useApp } from './support/suite';

describe('GET /api/users prefix search', () => {
  const t = useApp();
  let caller: TestUser;

  beforeAll(async () => {
    caller = await signup(t.url);
  });

  it('sorts by the lowercased name in character order, punctuation and digits included', async () => {
    const tag = uniqueName('ord');
    // Signed up out of order; a locale's collation would put the punctuation elsewhere.
    const names = [`${tag}a`, `${tag}_x`, `${tag}0`, `${tag}.x`, `${tag}-x`, `${tag}B`];
    for (const name of names) await signup(t.url, name);
    const found = await request(t.url)
      .get('/api/users')
      .query({ query: tag })
      .set(bearer(caller.token))
      .expect(200);
    expect((found.body as UserSummary[]).map((u) => u.username)).toEqual([
      `${tag}-x`,
      `${tag}.x`,
      `${tag}0`,
      `${tag}_x`,
      `${tag}a`,
      `${tag}B`,
    ]);
  });

  it('is one range of the prefix index, read in its order (no sort)', async () => {
    const db = t.app.get(DataSource);
    // A few test accounts make a sequential scan cheapest; forbid it to see what the index can do.
    const plan = await db.transaction(async (manager) => {
      await manager.query('SET LOCAL enable_seqscan = off');
      await manager.query('SET LOCAL enable_bitmapscan = off');
      const rows = await manager.query<{ 'QUERY PLAN': string }[]>(`EXPLAIN ${USER_SEARCH_SQL}`, [
        'ab%',
        20,
      ]);
      return rows.map((row) => row['QUERY PLAN']).join('\n');
    });
    expect(plan).toContain('users_username_prefix_idx');
    expect(plan).toMatch(/Index Cond: .*>= 'ab'.*< 'ac'/);
    // The LIKE is checked again on the range's rows only; nothing sorts them.
    expect(plan).not.toContain('Sort');
  });
});
