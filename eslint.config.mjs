import js from '@eslint/js';
import tseslint from 'typescript-eslint';

const impureModules = ['mongodb', 'botbuilder', 'botbuilder-*', 'botframework-*', '@microsoft/teamsfx', 'restify', 'react', 'react-dom', '@fluentui/*', '@microsoft/teams-js', 'pino', 'node:*', 'fs', 'http', 'https', 'net', 'child_process'];

export default tseslint.config(
  { ignores: ['node_modules/', 'dist/', '.cache/', '.data/', 'test-results/', 'appPackage/build/', 'tab/dist/'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
    },
  },
  {
    files: ['**/*.js', '**/*.cjs', '**/*.mjs'],
    languageOptions: { globals: { process: 'readonly', console: 'readonly', require: 'readonly', module: 'writable', __dirname: 'readonly', setTimeout: 'readonly', clearTimeout: 'readonly', URL: 'readonly', fetch: 'readonly' } },
    rules: { '@typescript-eslint/no-require-imports': 'off' },
  },
  {
    // STYLE 1: shared/ is pure domain code used by both the server and the tab.
    files: ['shared/**/*.ts'],
    rules: {
      'no-restricted-imports': ['error', {
        patterns: [
          { group: ['**/bot/**', '**/tab/**', '../bot/*', '../tab/*'], message: 'shared/ must not import from bot/ or tab/: dependencies point inward (see STYLE.md §1).' },
          { group: impureModules, message: 'shared/ is pure: no I/O, no botbuilder, no mongodb, no React (see STYLE.md §1). Put this in bot/ or tab/.' },
        ],
      }],
    },
  },
);
