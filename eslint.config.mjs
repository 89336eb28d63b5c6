// One lint configuration for the whole repository: type-aware TypeScript rules, no import cycles, and the
// architecture's boundaries (the contract and the domain stay pure). `npm run lint` runs it; `npm test` runs that.
import js from '@eslint/js';
import { createTypeScriptImportResolver } from 'eslint-import-resolver-typescript';
import importX from 'eslint-plugin-import-x';
import reactHooks from 'eslint-plugin-react-hooks';
import globals from 'globals';
import tseslint from 'typescript-eslint';

/** Every TypeScript program of the repository, so each file is linted with the types its own build sees. */
const projects = [
  './functions/tsconfig.json',
  './functions/tsconfig.test.json',
  './local/tsconfig.json',
  './local/host-page/tsconfig.json',
  './tab/tsconfig.json',
  './test/tsconfig.json',
  './scripts/tsconfig.json',
  './bench/tsconfig.json',
];

/** Vite configurations, read by Vite itself rather than compiled by any tsconfig. */
const toolConfigs = ['**/vite.config.ts', '**/vite.config.mts'];

/** What the pure layers must never reach: adapters, handlers, jobs, and the Azure, Graph and Teams SDKs. */
const impureForPureLayers = [
  {
    group: ['**/store', '**/store/**', '**/graph', '**/graph/**', '**/http', '**/http/**', '**/jobs', '**/jobs/**'],
    message: 'The contract and the domain are pure: adapters, handlers and jobs call them, never the other way.',
  },
  {
    group: [
      '**/bot',
      '**/bot/**',
      '**/delivery',
      '**/delivery/**',
      '**/auth',
      '**/auth/**',
      '**/composition/**',
      '**/config/**',
    ],
    message: 'The contract and the domain are pure: adapters, handlers and jobs call them, never the other way.',
  },
  {
    group: ['@azure/*', '@microsoft/*', '@fluentui/*', 'react', 'react-dom'],
    message: 'The contract and the domain import no SDK: they take data in and give decisions out.',
  },
];

export default tseslint.config(
  {
    ignores: [
      '**/node_modules/**',
      '**/dist/**',
      '**/.tsbuild/**',
      '**/.node/**',
      '.local/**',
      'test-results/**',
      'manifest/build/**',
      'coverage/**',
      '**/*.d.ts',
    ],
  },
  {
    files: ['**/*.ts', '**/*.tsx'],
    ignores: toolConfigs,
    extends: [js.configs.recommended, ...tseslint.configs.recommendedTypeChecked, importX.flatConfigs.typescript],
    languageOptions: {
      parserOptions: { project: projects, tsconfigRootDir: import.meta.dirname },
    },
    settings: {
      'import-x/resolver-next': [
        createTypeScriptImportResolver({ project: projects, alwaysTryTypes: true, noWarnOnMultipleProjects: true }),
      ],
    },
    rules: {
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/no-misused-promises': 'error',
      'import-x/no-cycle': ['error', { ignoreExternal: true }],
    },
  },
  {
    files: ['tab/src/**/*.tsx', 'tab/src/**/*.ts'],
    plugins: { 'react-hooks': reactHooks },
    rules: reactHooks.configs.recommended.rules,
  },
  {
    files: ['functions/src/contract/**/*.ts', 'functions/src/domain/**/*.ts'],
    ignores: ['**/*.test.ts'],
    rules: { '@typescript-eslint/no-restricted-imports': ['error', { patterns: impureForPureLayers }] },
  },
  {
    // Build tools' own configuration files belong to no TypeScript program: linted without type information.
    files: toolConfigs,
    extends: [js.configs.recommended, ...tseslint.configs.recommended],
    languageOptions: { globals: { ...globals.node } },
  },
  {
    files: ['**/*.js', '**/*.cjs', '**/*.mjs'],
    extends: [js.configs.recommended],
    languageOptions: { globals: { ...globals.node } },
  },
);
