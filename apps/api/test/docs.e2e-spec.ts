import request from 'supertest';
import { ERROR_CODES, type HealthResponse } from '@chat/contract';
import { CLIENT_EVENTS, SERVER_EVENTS } from '../src/chat/chat-events';
import { useApp } from './support/suite';

interface Operation {
  responses: Record<string, unknown>;
  security?: Record<string, string[]>[];
}
interface OpenApiDocument {
  openapi: string;
  paths: Record<string, Record<string, Operation>>;
  components: { schemas: Record<string, { properties?: Record<string, { enum?: string[] }> }> };
}

/** The failure statuses each contract row lists, as `method path`. */
const CONTRACT_FAILURES: readonly [string, string, number[]][] = [
  ['post', '/api/auth/signup', [400, 409]],
  ['post', '/api/auth/login', [401]],
  ['get', '/api/auth/me', [401]],
  ['post', '/api/auth/logout', [401]],
  ['post', '/api/auth/refresh', [401, 415]],
  ['post', '/api/rooms', [400, 409]],
  ['get', '/api/rooms/{name}', [404]],
  ['delete', '/api/rooms/{name}', [403, 404]],
  ['get', '/api/rooms/{name}/messages', [400, 404]],
  ['post', '/api/rooms/{name}/messages', [400, 404, 429]],
  ['get', '/api/rooms/{name}/messages/{id}', [400, 404]],
  ['patch', '/api/rooms/{name}/messages/{id}', [400, 403, 404, 429]],
  ['delete', '/api/rooms/{name}/messages/{id}', [403, 404, 429]],
  ['put', '/api/rooms/{name}/messages/{id}/reactions/{emoji}', [400, 404, 429]],
  ['delete', '/api/rooms/{name}/messages/{id}/reactions/{emoji}', [400, 404, 429]],
  ['get', '/api/rooms/{name}/changes', [400, 404]],
  ['get', '/api/health', [503]],
  ['get', '/api/admin/users', [400, 401, 403]],
  ['patch', '/api/admin/users/{username}', [400, 401, 403, 404, 409]],
  ['get', '/api/admin/audit', [400, 401, 403]],
  ['patch', '/api/rooms/{name}/members/{username}', [403, 404]],
  ['put', '/api/rooms/{name}/bans/{username}', [400, 403, 404]],
  ['delete', '/api/rooms/{name}/bans/{username}', [403, 404]],
  ['get', '/api/rooms/{name}/bans', [403, 404]],
];

/** Every REST row of the contract: method, OpenAPI path, success status, needs a token. */
const CONTRACT_ROUTES: readonly [string, string, number, boolean][] = [
  ['post', '/api/auth/signup', 201, false],
  ['post', '/api/auth/login', 200, false],
  ['get', '/api/auth/me', 200, true],
  ['post', '/api/auth/logout', 204, true],
  ['post', '/api/auth/refresh', 200, false],
  ['get', '/api/rooms', 200, false],
  ['post', '/api/rooms', 201, true],
  ['get', '/api/rooms/{name}', 200, true],
  ['delete', '/api/rooms/{name}', 204, true],
  ['get', '/api/rooms/{name}/messages', 200, true],
  ['post', '/api/rooms/{name}/messages', 201, true],
  ['get', '/api/rooms/{name}/messages/{id}', 200, true],
  ['patch', '/api/rooms/{name}/messages/{id}', 200, true],
  ['delete', '/api/rooms/{name}/messages/{id}', 204, true],
  ['put', '/api/rooms/{name}/messages/{id}/reactions/{emoji}', 200, true],
  ['delete', '/api/rooms/{name}/messages/{id}/reactions/{emoji}', 200, true],
  ['get', '/api/rooms/{name}/changes', 200, true],
  ['get', '/api/health', 200, false],
  ['get', '/api/admin/users', 200, true],
  ['patch', '/api/admin/users/{username}', 200, true],
  ['get', '/api/admin/audit', 200, true],
  ['patch', '/api/rooms/{name}/members/{username}', 200, true],
  ['put', '/api/rooms/{name}/bans/{username}', 204, true],
  ['delete', '/api/rooms/{name}/bans/{username}', 204, true],
  ['get', '/api/rooms/{name}/bans', 200, true],
];

describe('health and API docs', () => {
  const t = useApp();

  it('reports health 200 {status: "ok"} once the database answers, without a token', async () => {
    const res = await request(t.url).get('/api/health').expect(200);
    expect((res.body as HealthResponse).status).toBe('ok');
  });

  it('serves the docs as an HTML page whose assets load', async () => {
    const page = await request(t.url).get('/api/docs').redirects(1).expect(200);
    expect(page.headers['content-type']).toMatch(/text\/html/);
    expect(page.text).toMatch(/<html/i);
    expect(page.text).toMatch(/swagger-ui/);
    const pageUrl = new URL(page.redirects.at(-1) ?? `${t.url}/api/docs`);
    const assets = [...page.text.matchAll(/(?:src|href)="(\.[^"]+\.(?:js|css))"/g)].map(
      (m) => m[1] ?? '',
    );
    expect(assets.length).toBeGreaterThan(0);
    for (const asset of assets) {
      const assetUrl = new URL(asset, pageUrl);
      await request(t.url).get(assetUrl.pathname).expect(200);
    }
  });

  describe('the OpenAPI JSON', () => {
    let doc: OpenApiDocument;
    beforeAll(async () => {
      const res = await request(t.url).get('/api/docs-json').expect(200);
      expect(res.headers['content-type']).toMatch(/application\/json/);
      doc = res.body as OpenApiDocument;
    });

    it('is an OpenAPI 3 document', () => {
      expect(doc.openapi).toMatch(/^3\./);
    });

    it.each(CONTRACT_ROUTES)('documents %s %s with its success status', (method, path, status) => {
      const operation = doc.paths[path]?.[method];
      expect(operation).toBeDefined();
      expect(Object.keys(operation?.responses ?? {})).toContain(String(status));
    });

    it.each(CONTRACT_FAILURES)('documents the failures of %s %s: %p', (method, path, statuses) => {
      const documented = Object.keys(doc.paths[path]?.[method]?.responses ?? {});
      expect(documented).toEqual(expect.arrayContaining(statuses.map(String)));
    });

    it('describes the v2 message fields and the new path parameters', () => {
      const message = doc.components.schemas['MessageDto']?.properties ?? {};
      for (const field of ['seq', 'editedAt', 'deleted', 'replyTo', 'reactions', 'mentions']) {
        expect(message).toHaveProperty(field);
      }
      const reaction = doc.paths['/api/rooms/{name}/messages/{id}/reactions/{emoji}']?.['put'] as
        { parameters?: { name: string; in: string }[] } | undefined;
      expect(reaction?.parameters?.map((p) => `${p.in}:${p.name}`).sort()).toEqual([
        'path:emoji',
        'path:id',
        'path:name',
      ]);
    });

    it('describes every error response with the {statusCode, error, code, message} body', () => {
      const codes = doc.components.schemas['ApiErrorDto']?.properties?.['code']?.enum;
      expect(codes).toEqual([...ERROR_CODES]);
      for (const [method, path, statuses] of CONTRACT_FAILURES) {
        for (const status of statuses) {
          expect(doc.paths[path]?.[method]?.responses[String(status)]).toMatchObject({
            content: {
              'application/json': { schema: { $ref: '#/components/schemas/ApiErrorDto' } },
            },
          });
        }
      }
    });

    it.each(CONTRACT_ROUTES.filter(([, , , secured]) => secured))(
      'marks %s %s as needing a bearer token',
      (method, path) => {
        expect(doc.paths[path]?.[method]?.security).toEqual(
          expect.arrayContaining([{ bearer: [] }]),
        );
      },
    );
  });

  it('serves the AsyncAPI document, one channel per event of the registry', async () => {
    const res = await request(t.url).get('/api/docs/asyncapi.json').expect(200);
    const doc = res.body as { asyncapi: string; channels: Record<string, { address: string }> };
    expect(doc.asyncapi).toBe('3.0.0');
    const addresses = Object.values(doc.channels).map((channel) => channel.address);
    expect(addresses).toEqual(
      expect.arrayContaining([...Object.keys(CLIENT_EVENTS), ...Object.keys(SERVER_EVENTS)]),
    );
  });
});
