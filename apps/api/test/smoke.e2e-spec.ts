import request from 'supertest';
import type { HealthResponse } from '@chat/contract';
import { useApp } from './support/suite';

describe('smoke', () => {
  const t = useApp();

  it('answers health once the database is up', async () => {
    const res = await request(t.url).get('/api/health').expect(200);
    expect((res.body as HealthResponse).status).toBe('ok');
  });
});
