/** Checks of the deployment files (docker-compose.yml, Dockerfiles, nginx.conf, .env.example). */
export default {
  displayName: 'compose',
  rootDir: '.',
  testEnvironment: 'node',
  transform: {
    // Decorators on: the test imports the API's env class to learn which variables it knows.
    '^.+\\.ts$': [
      '@swc/jest',
      {
        jsc: {
          parser: { syntax: 'typescript', decorators: true },
          transform: { legacyDecorator: true, decoratorMetadata: true },
          target: 'es2022',
        },
      },
    ],
  },
  setupFiles: ['reflect-metadata'],
  testMatch: ['<rootDir>/**/*.spec.ts'],
};
