import request from 'supertest';
import { expectApiError } from './support/api-error';
import { fakeWebDist } from './support/web-dist';
import { useApp } from './support/suite';

describe('the SPA served by the API', () => {
  const t = useApp({ WEB_DIST: fakeWebDist() });

  it.each(['/', '/rooms/general', '/rooms/general/deep/link'])(
    'answers %s with index.html, never cached',
    async (path) => {
      const res = await request(t.url).get(path).expect(200);
      expect(res.headers['content-type']).toMatch(/text\/html/);
      expect(res.text).toContain('<title>chat</title>');
      expect(res.headers['cache-control']).toBe('no-cache');
    },
  );

  it('serves its files for an hour', async () => {
    const res = await request(t.url).get('/assets/app.js').expect(200);
    expect(res.headers['cache-control']).toBe('public, max-age=3600');
  });

  it.each(['/api/nope', '/api', '/metrics/nope'])('leaves %s to the API: 404', async (path) => {
    const res = await request(t.url).get(path);
    expect(res.status).toBe(404);
    expect(res.text).not.toContain('<title>chat</title>');
  });

  it('leaves /socket.io/… to Socket.IO', async () => {
    const res = await request(t.url).get('/socket.io/nope');
    expect(res.status).not.toBe(200);
    expect(res.text).not.toContain('<title>chat</title>');
  });

  it('answers an unknown API route with the JSON error body', async () => {
    expectApiError(await request(t.url).get('/api/no/such/route'), 404);
  });
});
