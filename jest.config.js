// Two projects: pure domain unit tests, and integration tests over HTTP against real PostgreSQL/Redis.
// jose ships ESM only; Jest's CommonJS runtime needs it transformed like our own code.
const transformIgnorePatterns = ['/node_modules/(?!jose/)'];
const transform = { '^.+\\.(ts|js)$': ['@swc/jest', { jsc: { parser: { syntax: 'typescript', decorators: true }, transform: { legacyDecorator: true, decoratorMetadata: true, useDefineForClassFields: false }, target: 'es2022', keepClassNames: true } }] };
module.exports = {
  // A global option (Jest ignores it inside a project): the integration tests are real HTTP and SQL on a shared machine.
  testTimeout: 120000,
  projects: [
    { displayName: 'unit', testEnvironment: 'node', transform, transformIgnorePatterns, testMatch: ['<rootDir>/tests/unit/**/*.test.ts'] },
    {
      displayName: 'integration', testEnvironment: 'node', transform, transformIgnorePatterns,
      testMatch: ['<rootDir>/tests/integration/**/*.test.ts'],
      globalSetup: '<rootDir>/tests/integration/support/global-setup.ts',
      setupFiles: ['reflect-metadata'],
    },
  ],
};
