// One jest run covers every layer; projects keep each layer's environment and timeouts apart.
/** @type {import('jest').Config} */
const swc = [
  '@swc/jest',
  {
    jsc: {
      parser: { syntax: 'typescript', tsx: true },
      target: 'es2022',
      transform: { react: { runtime: 'automatic' } },
    },
    module: { type: 'commonjs' },
  },
];
// jose ships only ES modules; let swc turn it into CommonJS for jest like it does our own code.
const transformIgnorePatterns = ['/node_modules/(?!(jose)/)'];
const common = {
  transform: { '^.+\\.(t|j)sx?$': swc },
  transformIgnorePatterns,
  testEnvironment: 'node',
  modulePathIgnorePatterns: ['<rootDir>/.*/dist/'],
  // Tests run the TypeScript sources of the workspaces, not their last build.
  moduleNameMapper: {
    '^@candor/functions/contract$': '<rootDir>/functions/src/contract/index.ts',
    '^@candor/functions/(.*)$': '<rootDir>/functions/src/$1',
    '^@candor/local/(.*)$': '<rootDir>/local/src/$1',
    '^@candor/contract$': '<rootDir>/functions/src/contract/index.ts',
    '^@candor/contract/timeText$': '<rootDir>/functions/src/contract/timeText.ts',
    '^@candor/tab/surfaces$': '<rootDir>/tab/src/host/surfaces.ts',
  },
};

module.exports = {
  // The hostile suite's one summary line (test/support/hostileReporter.cjs) after jest's own report.
  reporters: ['default', '<rootDir>/test/support/hostileReporter.cjs'],
  projects: [
    {
      ...common,
      displayName: 'unit',
      // bench/: the benchmarks' pure helpers (the benchmarks themselves run only through npm run bench*).
      roots: ['<rootDir>/functions/src', '<rootDir>/local/src', '<rootDir>/tab/src', '<rootDir>/bench'],
      testMatch: ['**/*.test.ts', '**/*.test.tsx'],
    },
    {
      ...common,
      displayName: 'integration',
      roots: ['<rootDir>/test/integration'],
      testMatch: ['**/*.test.ts'],
    },
    {
      ...common,
      displayName: 'e2e',
      roots: ['<rootDir>/test/e2e'],
      testMatch: ['**/*.test.ts'],
    },
  ],
};
