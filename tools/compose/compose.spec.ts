import Ajv from 'ajv';
// Deliberately the API's own list of variables (no library exports it): the compose file must not drift from it.
// eslint-disable-next-line @nx/enforce-module-boundaries
import { ENV_KEYS } from '../../apps/api/src/config/env';
import {
  COMPOSE_TEXT,
  compose,
  envFileKeys,
  interpolatedVariables,
  readRepoFile,
} from './repo-files';

const API_REPLICAS = ['api-1', 'api-2'];
const services = compose.services;

function composeSchemaErrors(document: unknown): string[] {
  // The schema that dclint bundles: the current Compose Specification, usable offline.
  const schema = JSON.parse(
    readRepoFile('node_modules/dclint/schemas/compose.schema.json'),
  ) as Record<string, unknown>;
  // Its `$schema` names draft 07 by an https URL that ajv does not know; the keywords are draft 07.
  delete schema['$schema'];
  const validate = new Ajv({ strict: false, validateFormats: false, allErrors: true }).compile(
    schema,
  );
  validate(document);
  return (validate.errors ?? []).map((error) => `${error.instancePath} ${error.message ?? ''}`);
}

describe('docker-compose.yml', () => {
  it('is valid against the Compose Specification', () => {
    expect(composeSchemaErrors(compose)).toEqual([]);
    expect(composeSchemaErrors({ services: { web: { ports: 8080 } } })).not.toEqual([]);
  });

  it('runs PostgreSQL 16 and Redis 7, two API replicas and the web front', () => {
    expect(Object.keys(services).sort()).toEqual(['api-1', 'api-2', 'postgres', 'redis', 'web']);
    expect(services['postgres']?.image).toBe('postgres:16-alpine');
    expect(services['redis']?.image).toBe('redis:7-alpine');
    for (const name of API_REPLICAS) {
      expect(services[name]?.build).toEqual({ context: '.', dockerfile: 'apps/api/Dockerfile' });
    }
    expect(services['web']?.build).toEqual({ context: '.', dockerfile: 'apps/web/Dockerfile' });
  });

  it('keeps the database on a named volume', () => {
    expect(services['postgres']?.volumes).toContain('postgres-data:/var/lib/postgresql/data');
    expect(Object.keys(compose.volumes ?? {})).toContain('postgres-data');
  });

  it.each(['postgres', 'redis', ...API_REPLICAS])('gives %s a healthcheck', (name) => {
    expect(services[name]?.healthcheck?.test).toBeDefined();
  });

  it('checks the API through /api/health with node', () => {
    for (const name of API_REPLICAS) {
      const test = [services[name]?.healthcheck?.test ?? []].flat().join(' ');
      expect(test).toMatch(/^CMD node -e .*fetch\('http:\/\/127\.0\.0\.1:3000\/api\/health'\)/);
    }
  });

  it('starts each service only after what it needs is healthy', () => {
    const dependencies = (name: string) => services[name]?.depends_on ?? {};
    for (const name of API_REPLICAS)
      expect(Object.keys(dependencies(name)).sort()).toEqual(['postgres', 'redis']);
    expect(Object.keys(dependencies('web')).sort()).toEqual(API_REPLICAS);
    for (const [name, service] of Object.entries(services)) {
      for (const dependency of Object.values(service.depends_on ?? {})) {
        expect({ name, condition: dependency.condition }).toEqual({
          name,
          condition: 'service_healthy',
        });
      }
    }
  });

  it('publishes a port for web only, 8080 by default', () => {
    const publishing = Object.entries(services).filter(
      ([, service]) => (service.ports ?? []).length > 0,
    );
    expect(publishing.map(([name]) => name)).toEqual(['web']);
    expect(services['web']?.ports).toEqual(['${WEB_PORT:-8080}:8080']);
  });

  it.each(API_REPLICAS)('sets on %s only variables the API config knows', (name) => {
    const environment = services[name]?.environment ?? {};
    const unknown = Object.keys(environment).filter((key) => !ENV_KEYS.includes(key));
    expect(unknown).toEqual([]);
    expect(environment).toMatchObject({
      NODE_ENV: 'production',
      PORT: '3000',
      TRUST_PROXY: '${TRUST_PROXY:-1}',
    });
    expect(Object.keys(environment)).toEqual(
      expect.arrayContaining(['DATABASE_URL', 'REDIS_URL', 'JWT_SECRET']),
    );
  });

  it('requires the secrets from .env instead of shipping defaults', () => {
    expect(COMPOSE_TEXT).toContain('${JWT_SECRET:?');
    expect(COMPOSE_TEXT).not.toMatch(/\$\{(JWT_SECRET|POSTGRES_PASSWORD):?-/);
    expect(services['postgres']?.environment?.['POSTGRES_PASSWORD']).toMatch(
      /^\$\{POSTGRES_PASSWORD:\?/,
    );
  });

  it('has every variable it reads documented in .env.example', () => {
    const documented = envFileKeys(readRepoFile('.env.example'));
    const used = interpolatedVariables(COMPOSE_TEXT);
    expect(used).toEqual(expect.arrayContaining(['JWT_SECRET', 'POSTGRES_PASSWORD']));
    expect(used.filter((name) => !documented.includes(name))).toEqual([]);
  });

  it('keeps secrets out of .env.example', () => {
    const secrets = readRepoFile('.env.example').match(/^(JWT_SECRET|POSTGRES_PASSWORD)=(.*)$/gm);
    expect(secrets).toEqual(['POSTGRES_PASSWORD=', 'JWT_SECRET=']);
  });
});
