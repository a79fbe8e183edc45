// @ts-check
import js from '@eslint/js';
import reactHooks from 'eslint-plugin-react-hooks';
import globals from 'globals';
import tseslint from 'typescript-eslint';

const NODE_BUILTINS = ['node:*', 'fs', 'path', 'os', 'crypto', 'child_process', 'http', 'https', 'net', 'url', 'util', 'stream'];
const TEST_ONLY = ['@cloud-copilot/*', '@playwright/*', 'playwright', 'playwright-core', 'vitest', '@axe-core/*', 'jsqr', 'pngjs'];

/**
 * The architecture, written down as lint (tested by test/unit/architecture/layering.test.ts).
 * Do not relax these rules: a new exception means the seam is in the wrong place.
 */
const layering = [
  {
    name: 'layer/shared: pure TS, imported by both sides, imports neither',
    files: ['src/shared/**/*.{ts,tsx}'],
    rules: {
      'no-restricted-imports': ['error', {
        patterns: [
          { group: ['**/electron/**', '../../electron/*', 'electron'], message: 'src/shared must not import the main process or Electron.' },
          { group: ['**/features/**', '**/app/**', '**/components/**', '**/i18n/**', 'react', 'react-dom', 'zustand'], message: 'src/shared must not import the renderer.' },
          { group: ['@aws-sdk/*', ...NODE_BUILTINS], message: 'src/shared runs in the browser too: no AWS SDK, no Node built-ins.' },
          { group: TEST_ONLY, message: 'Test-only packages stay in test/.' },
        ],
      }],
    },
  },
  {
    name: 'layer/renderer: React, no Node, no AWS SDK, never the main process',
    files: ['src/**/*.{ts,tsx}'],
    ignores: ['src/shared/**'],
    rules: {
      'no-restricted-imports': ['error', {
        patterns: [
          { group: ['**/electron/**', '../electron/*', '../../electron/*', 'electron'], message: 'The renderer reaches main only through window.api (src/app/api.ts).' },
          { group: ['@aws-sdk/*', '@smithy/*', 'age-encryption', ...NODE_BUILTINS], message: 'AWS calls and secrets live in the main process.' },
          { group: TEST_ONLY, message: 'Test-only packages stay in test/.' },
        ],
      }],
      // The contract's zod schemas stay out of the renderer bundle: types only.
      '@typescript-eslint/no-restricted-imports': ['error', {
        patterns: [
          { group: ['zod', '**/shared/ipc/channels/*', '**/shared/ipc/contract', '**/shared/ipc/define', '**/shared/invites/invite-schema'], allowTypeImports: true, message: 'Import only types from the IPC contract in the renderer (runtime imports pull zod into the bundle); shared constants live in zod-free modules such as src/shared/admin-limits.ts.' },
        ],
      }],
    },
  },
  {
    name: 'layer/main: no React; Electron only in the shell files',
    files: ['electron/**/*.ts'],
    ignores: ['electron/main.ts', 'electron/preload.ts', 'electron/ipc/register-ipc.ts', 'electron/platform/electron-ports.ts'],
    rules: {
      'no-restricted-imports': ['error', {
        patterns: [
          { group: ['react', 'react-dom', 'zustand', 'react-i18next', '**/features/**', '**/components/**', '**/src/app/**', '**/src/i18n/**'], message: 'The main process never imports the renderer.' },
          { group: ['electron'], message: 'Only main.ts, preload.ts, ipc/register-ipc.ts and platform/electron-ports.ts touch Electron; everything else takes a port.' },
          { group: TEST_ONLY, message: 'Test-only packages stay in test/ (the AGPL evaluator above all).' },
        ],
      }],
    },
  },
  {
    name: 'layer/main shell files: no React, no test-only packages',
    files: ['electron/main.ts', 'electron/preload.ts', 'electron/ipc/register-ipc.ts', 'electron/platform/electron-ports.ts'],
    rules: {
      'no-restricted-imports': ['error', {
        patterns: [
          { group: ['react', 'react-dom', 'zustand', '**/features/**', '**/components/**'], message: 'The main process never imports the renderer.' },
          { group: TEST_ONLY, message: 'Test-only packages stay in test/.' },
        ],
      }],
    },
  },
];

/** Every renderer store goes through defineStore, which registers it with the idle lock. */
const storesRegisterWithTheLock = {
  name: 'layer/renderer: stores are made with defineStore',
  files: ['src/**/*.{ts,tsx}'],
  ignores: ['src/shared/**', 'src/app/define-store.ts'],
  rules: {
    'no-restricted-syntax': ['error',
      { selector: 'ExportDefaultDeclaration', message: 'Named exports only.' },
      { selector: "ImportDeclaration[source.value='zustand'] > ImportSpecifier[imported.name=/^create(Store)?$/]", message: 'Make stores with defineStore (src/app/define-store.ts): it registers them with the idle lock.' },
    ],
  },
};

export default tseslint.config(
  { ignores: ['dist/**', 'dist-electron/**', 'release/**', 'node_modules/**', 'test-results/**', 'test/e2e/artifacts/**', 'test/fixtures/**', '.stryker-tmp/**', 'reports/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: {
      // Nine small plain-JS files (configs, scripts, the electron stand-in) are linted in the default project.
      parserOptions: { projectService: { allowDefaultProject: ['*.js', '*.mjs', 'scripts/*.mjs', 'test/e2e/support/electron-stub/*.mjs', 'test/e2e/support/electron-stub/*.cjs'], maximumDefaultProjectFileMatchCount_THIS_WILL_SLOW_DOWN_LINTING: 12 }, tsconfigRootDir: import.meta.dirname },
      globals: { ...globals.node },
    },
    rules: {
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      'no-console': ['error', { allow: ['warn', 'error'] }],
      'no-restricted-syntax': ['error', { selector: 'ExportDefaultDeclaration', message: 'Named exports only.' }],
    },
  },
  {
    files: ['src/**/*.{ts,tsx}'],
    languageOptions: { globals: { ...globals.browser } },
    plugins: { 'react-hooks': reactHooks },
    rules: { ...reactHooks.configs.recommended.rules },
  },
  {
    files: ['test/**/*.ts', 'scripts/**/*.{ts,mjs}', 'bench/**/*.ts', '*.config.{ts,mjs}', 'eslint.config.js'],
    rules: { 'no-console': 'off', 'no-restricted-syntax': 'off', 'no-empty-pattern': 'off' },
  },
  ...layering,
  storesRegisterWithTheLock,
);
