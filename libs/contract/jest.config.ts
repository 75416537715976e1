export default {
  displayName: 'contract',
  rootDir: '.',
  testEnvironment: 'node',
  transform: { '^.+\\.ts$': ['@swc/jest', { jsc: { parser: { syntax: 'typescript' } } }] },
  testMatch: ['<rootDir>/src/**/*.spec.ts'],
};
