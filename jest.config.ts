/** Every Jest project of the monorepo; `jest --selectProjects <name>` runs one. */
export default {
  projects: ['<rootDir>/libs/contract', '<rootDir>/apps/api', '<rootDir>/tools/compose'],
};
