/**
 * Scale-out and failure tests: each file starts the built API (`dist/apps/api/main.js`) as
 * separate OS processes on its own PostgreSQL database and the shared Redis, then kills, stops
 * and starves them. Run with `npx nx run api:test-scale` after `npm run build`, one file at a
 * time (`--runInBand`): the files spawn several processes each.
 */
const swc = {
  jsc: {
    parser: { syntax: 'typescript', decorators: true },
    transform: { legacyDecorator: true, decoratorMetadata: true },
    target: 'es2022',
  },
};

export default {
  displayName: 'api-scale',
  rootDir: '.',
  testEnvironment: 'node',
  transform: { '^.+\\.ts$': ['@swc/jest', swc] },
  moduleNameMapper: { '^@chat/contract$': '<rootDir>/../../libs/contract/src/index.ts' },
  testMatch: ['<rootDir>/test/scale/**/*.scale-spec.ts'],
  testTimeout: 90_000,
  slowTestThreshold: 30,
};
