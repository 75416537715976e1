import request, { type Response } from 'supertest';
import { MAX_PAYLOAD_BYTES } from '@chat/contract';
import { useApp } from './support/suite';
import { fakeWebDist } from './support/web-dist';

/** The CSP as a map of directive -> sources. */
function cspOf(res: Response): Map<string, string[]> {
  const header = String(res.headers['content-security-policy'] ?? '');
  return new Map(
    header
      .split(';')
      .map((directive) => directive.trim().split(/\s+/))
      .filter(([name]) => name)
      .map(([name = '', ...sources]) => [name, sources]),
  );
}

function expectStrictHeaders(res: Response): void {
  const csp = cspOf(res);
  expect(csp.get('default-src')).toEqual(["'self'"]);
  expect(csp.get('script-src')).toEqual(["'self'"]);
  expect(csp.get('style-src')).toEqual(["'self'"]);
  expect(csp.get('frame-ancestors')).toEqual(["'none'"]);
  expect(csp.get('object-src')).toEqual(["'none'"]);
  expect(res.headers['x-content-type-options']).toBe('nosniff');
  expect(res.headers['x-frame-options']).toBe('DENY');
  expect(res.headers['referrer-policy']).toBe('no-referrer');
  expect(res.headers['x-powered-by']).toBeUndefined();
}

describe('security headers (issue 9, finding 4)', () => {
  describe('behind a TLS proxy (TRUST_PROXY=1)', () => {
    const t = useApp({ TRUST_PROXY: '1', WEB_DIST: fakeWebDist() });

    it('sends the strict policy with the SPA page, its scripts and deep links', async () => {
      for (const path of ['/', '/assets/app.js', '/rooms/general']) {
        const res = await request(t.url).get(path).expect(200);
        expectStrictHeaders(res);
      }
    });

    it('sends it with API answers and API errors alike', async () => {
      expectStrictHeaders(await request(t.url).get('/api/rooms').expect(200));
      expectStrictHeaders(await request(t.url).get('/api/no-such-route').expect(404));
      expectStrictHeaders(await request(t.url).get('/api/auth/me').expect(401));
      const huge = JSON.stringify({ username: 'x'.repeat(MAX_PAYLOAD_BYTES), password: 'p' });
      expectStrictHeaders(
        await request(t.url)
          .post('/api/auth/login')
          .set('Content-Type', 'application/json')
          .send(huge)
          .expect(413),
      );
    });

    it('relaxes only styles, and only for the Swagger UI under /api/docs', async () => {
      const page = await request(t.url).get('/api/docs/').expect(200);
      const csp = cspOf(page);
      expect(csp.get('style-src')).toEqual(["'self'", "'unsafe-inline'"]);
      expect(csp.get('script-src')).toEqual(["'self'"]);
      expect(csp.get('frame-ancestors')).toEqual(["'none'"]);
      expectStrictHeaders(await request(t.url).get('/api/docsx').expect(404));
    });

    it('sends HSTS when the request came over TLS, and not over plain HTTP', async () => {
      const tls = await request(t.url).get('/api/rooms').set('X-Forwarded-Proto', 'https');
      expect(tls.headers['strict-transport-security']).toMatch(/^max-age=31536000/);
      const plain = await request(t.url).get('/api/rooms');
      expect(plain.headers['strict-transport-security']).toBeUndefined();
    });
  });

  describe('without a trusted proxy (TRUST_PROXY=0)', () => {
    const t = useApp({ TRUST_PROXY: '0' });

    it('believes no client that claims TLS: no HSTS', async () => {
      const res = await request(t.url).get('/api/rooms').set('X-Forwarded-Proto', 'https');
      expect(res.headers['strict-transport-security']).toBeUndefined();
      expectStrictHeaders(res);
    });
  });
});
