/** Every Jest project of the monorepo; `jest --selectProjects <name>` runs one. */
export default {
  // Global, not per project: Jest ignores testTimeout inside a `projects` entry.
  testTimeout: 30000,
  projects: ['<rootDir>/libs/contract', '<rootDir>/apps/api', '<rootDir>/tools/compose'],
};
