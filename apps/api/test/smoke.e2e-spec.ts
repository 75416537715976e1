import request from 'supertest';
import type { HealthResponse } from '@chat/contract';
import { startApp, type TestApp } from './support/app';

describe('smoke', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startApp();
  });
  afterAll(() => t.close());

  it('answers health once the database is up', async () => {
    const res = await request(t.url).get('/api/health').expect(200);
    expect((res.body as HealthResponse).status).toBe('ok');
  });
});
