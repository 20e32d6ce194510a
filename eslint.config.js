// Lint rules, including where code may run: shared/ has no DOM, no Node and no
// Electron; the renderer never imports Node or Electron; only renderer/src/data
// touches PouchDB.
import js from '@eslint/js';
import globals from 'globals';
import reactHooks from 'eslint-plugin-react-hooks';
import tseslint from 'typescript-eslint';

const nodeModules = ['node:*', 'fs', 'path', 'os', 'child_process', 'crypto', 'http', 'https', 'url'];

export default tseslint.config(
  {
    ignores: [
      'node_modules/',
      'dist/',
      'release/',
      '.tsbuild/',
      'test-results/',
      'playwright-report/',
      'tests/e2e/artifacts/',
    ],
  },
  js.configs.recommended,
  ...tseslint.configs.strict,
  {
    rules: {
      '@typescript-eslint/no-explicit-any': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/consistent-type-imports': ['error', { fixStyle: 'inline-type-imports' }],
      eqeqeq: ['error', 'always'],
    },
  },
  {
    files: ['shared/**/*.ts'],
    languageOptions: { globals: {} },
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: [...nodeModules, 'electron', 'react', 'react-*', 'dexie', 'dexie-*', 'pouchdb*'],
              message: 'shared/ stays free of Node, Electron, the DOM and storage: it is rules only.',
            },
            {
              group: ['**/renderer/**', '**/electron/**', '**/server/**'],
              message: 'shared/ must not depend on a process folder.',
            },
          ],
        },
      ],
      'no-restricted-globals': [
        'error',
        'window',
        'document',
        'navigator',
        'localStorage',
        'indexedDB',
        'process',
        'require',
      ],
    },
  },
  {
    files: ['renderer/src/**/*.{ts,tsx}'],
    languageOptions: { globals: { ...globals.browser } },
    plugins: { 'react-hooks': reactHooks },
    rules: {
      ...reactHooks.configs.recommended.rules,
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: [...nodeModules, 'electron'],
              message: 'The renderer runs sandboxed: reach the main process through platform/.',
            },
            {
              group: ['**/electron/**', '**/server/**'],
              message: 'The renderer must not import main-process or server code.',
            },
          ],
        },
      ],
    },
  },
  {
    files: ['renderer/src/app/**/*.{ts,tsx}', 'renderer/src/features/**/*.{ts,tsx}'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: ['pouchdb*', 'dexie'],
              message:
                'Screens read through renderer/src/data (hooks and repositories), never the databases directly.',
            },
            {
              group: [...nodeModules, 'electron'],
              message: 'The renderer runs sandboxed: reach the main process through platform/.',
            },
          ],
        },
      ],
    },
  },
  {
    files: [
      'electron/**/*.ts',
      'server/**/*.ts',
      'scripts/**/*.{js,mjs,ts}',
      'bin/**/*.mjs',
      'tests/**/*.{ts,tsx,mjs}',
      'bench/**/*.ts',
      '*.config.{js,ts}',
      '*/vite.config.ts',
    ],
    languageOptions: { globals: { ...globals.node } },
  },
  {
    files: ['electron/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            { group: ['**/renderer/**'], message: 'The main process does not import renderer code.' },
          ],
        },
      ],
    },
  },
);
