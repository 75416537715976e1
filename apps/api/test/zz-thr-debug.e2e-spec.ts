import request from 'supertest';
import { startApp } from './support/app';
it('x', async () => {
  const t = await startApp({ REST_PER_MINUTE: '12' });
  const res: string[] = [];
  for (let i = 0; i < 20; i++) { const r = await request(t.url).get('/api/rooms'); res.push(`${r.status} ${r.headers['x-ratelimit-remaining'] ?? '-'}`); }
  console.log(res.join(', '));
  await t.close();
});
