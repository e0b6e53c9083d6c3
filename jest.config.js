// Two tiers: pure unit specs beside the code, and e2e specs in test/ against real Postgres + Redis.
const moduleNameMapper = {
  '^@app/(domain|persistence|jobs|config|sms)(|/.*)$': '<rootDir>/libs/$1/src$2',
};
const transform = { '^.+\\.ts$': ['ts-jest', { tsconfig: 'tsconfig.json' }] };
const common = { moduleFileExtensions: ['ts', 'js', 'json'], rootDir: __dirname, transform, moduleNameMapper, testEnvironment: 'node' };

module.exports = {
  // Tests against real services run in parallel on small CI machines: give them room before calling a test hung.
  testTimeout: 30_000,
  projects: [
    { ...common, displayName: 'unit', testMatch: ['<rootDir>/{apps,libs}/**/*.spec.ts'] },
    {
      ...common,
      displayName: 'e2e',
      testMatch: ['<rootDir>/test/**/*.e2e-spec.ts'],
      globalSetup: '<rootDir>/test/support/global-setup.ts',
      globalTeardown: '<rootDir>/test/support/global-teardown.ts',
    },
    {
      ...common,
      displayName: 'security',
      testMatch: ['<rootDir>/test/security/**/*.security-spec.ts'],
      globalSetup: '<rootDir>/test/security/security-setup.ts',
      globalTeardown: '<rootDir>/test/security/security-teardown.ts',
    },
    {
      ...common,
      displayName: 'browser',
      testMatch: ['<rootDir>/test/browser/**/*.browser-spec.ts'],
      globalSetup: '<rootDir>/test/support/global-setup.ts',
      globalTeardown: '<rootDir>/test/support/global-teardown.ts',
    },
  ],
};
