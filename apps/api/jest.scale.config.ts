/**
 * Scale-out and failure tests: each file starts the built API (`dist/apps/api/main.js`) as
 * separate OS processes on its own PostgreSQL database and the shared Redis, then kills, stops
 * and starves them. Run with `npx nx run api:test-scale` after `npm run build`, one file at a
 * time (`--runInBand`): the files spawn several processes each.
 */
import base from './jest.config';

export default {
  displayName: 'api-scale',
  rootDir: '.',
  testEnvironment: 'node',
  transform: base.transform,
  moduleNameMapper: base.moduleNameMapper,
  testMatch: ['<rootDir>/test/scale/**/*.scale-spec.ts'],
  testTimeout: 90_000,
  slowTestThreshold: 30,
};
