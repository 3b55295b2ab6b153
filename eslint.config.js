// Lint rules, with the import boundaries of ARCHITECTURE.md enforced per folder.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import reactHooks from 'eslint-plugin-react-hooks';
import globals from 'globals';

const nodeBuiltins = ['node:*', 'fs', 'fs/*', 'path', 'os', 'child_process', 'http', 'https', 'net', 'crypto', 'stream', 'url', 'util', 'worker_threads'];
const serverOnly = ['better-sqlite3', 'chokidar', 'openai', 'twilio'];
const domGlobals = ['window', 'document', 'navigator', 'localStorage', 'sessionStorage', 'location', 'HTMLElement', 'fetch'].map((name) => ({
  name,
  message: 'electron/core is plain Node: no DOM globals (take fetch as a parameter).',
}));

const restrict = (paths, patterns) => ['error', { paths, patterns }];

export default tseslint.config(
  { ignores: ['dist/**', 'node_modules/**', 'test-results/**', 'release/**', 'playwright-report/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { ...globals.node } },
    rules: {
      '@typescript-eslint/no-explicit-any': 'error',
      '@typescript-eslint/consistent-type-imports': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      eqeqeq: ['error', 'always', { null: 'ignore' }],
    },
  },
  {
    files: ['electron/core/**/*.ts', 'electron/cli/**/*.ts', 'electron/server/**/*.ts'],
    rules: {
      'no-restricted-imports': restrict(
        [{ name: 'electron', message: 'electron/core, cli and server run under plain Node: never import electron.' }],
        [{ group: ['**/renderer/**', '**/electron/main/**', '**/electron/preload/**', '**/main/*', '**/preload/*', 'react', 'react-dom', 'wavesurfer.js', 'zustand'], message: 'Core may import only shared/ and Node libraries.' }],
      ),
      'no-restricted-globals': ['error', ...domGlobals],
    },
  },
  {
    files: ['shared/**/*.ts'],
    rules: {
      'no-restricted-imports': restrict(
        [],
        [
          { regex: '^(?!zod$|\\.)', message: 'shared/ imports nothing but zod and itself.' },
          { group: ['**/electron/**', '**/renderer/**', '**/test/**'], message: 'shared/ imports nothing but zod and itself.' },
        ],
      ),
    },
  },
  {
    files: ['renderer/**/*.{ts,tsx}'],
    ignores: ['renderer/vite.config.ts'],
    languageOptions: { globals: { ...globals.browser } },
    plugins: { 'react-hooks': reactHooks },
    rules: {
      ...reactHooks.configs.recommended.rules,
      // We do not run the React Compiler, so its memoisation warnings do not apply.
      'react-hooks/incompatible-library': 'off',
      'no-restricted-imports': restrict(
        ['electron', ...serverOnly].map((name) => ({ name, message: 'The renderer talks to the main side only through renderer/api/client.ts.' })),
        [
          { group: nodeBuiltins, message: 'The renderer runs in a sandbox: no Node modules.' },
          { group: ['**/electron/**'], message: 'The renderer imports only shared/ and browser libraries.' },
        ],
      ),
    },
  },
  {
    files: ['electron/preload/**/*.ts'],
    rules: {
      'no-restricted-imports': restrict(
        serverOnly.map((name) => ({ name, message: 'The preload imports only electron and shared/.' })),
        [{ group: ['**/core/**', '**/main/**', '**/renderer/**', ...nodeBuiltins], message: 'The preload imports only electron and shared/.' }],
      ),
    },
  },
);
