import js from '@eslint/js';
import tseslint from 'typescript-eslint';

const impureModules = ['mongodb', 'botbuilder', 'botbuilder-*', 'botframework-*', '@microsoft/teamsfx', 'restify', 'react', 'react-dom', '@fluentui/*', '@microsoft/teams-js', 'pino', 'node:*', 'fs', 'http', 'https', 'net', 'child_process'];

const teamsSdkRule = {
  group: ['botbuilder', 'botbuilder-*', 'botframework-*', '@microsoft/teamsfx'],
  message: 'botbuilder and TeamsFx are imported only in bot/teams/ (the Teams edge, STYLE.md §12): put the Teams protocol there and give this module plain types.',
};
const mongodbRule = {
  group: ['mongodb'],
  message: 'mongodb is imported only in bot/data/ (STYLE.md §3): use a repository, or a type bot/data exports (Database, DatabaseHandle).',
};

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
  {
    // STYLE.md §12 and issue 11: botbuilder and TeamsFx only in the Teams edge; mongodb only in bot/data.
    files: ['bot/**/*.ts'],
    ignores: ['bot/teams/**', 'bot/data/**'],
    rules: { 'no-restricted-imports': ['error', { patterns: [teamsSdkRule, mongodbRule] }] },
  },
  {
    files: ['bot/teams/**/*.ts'],
    rules: { 'no-restricted-imports': ['error', { patterns: [mongodbRule] }] },
  },
  {
    files: ['bot/data/**/*.ts'],
    rules: { 'no-restricted-imports': ['error', { patterns: [teamsSdkRule] }] },
  },
  {
    // Issue 11, one-way layers: the Teams edge, the HTTP API and the outbox worker call use cases,
    // never repositories. A type from bot/data may still be named (http/api/route.ts carries the
    // Repositories a UseCaseContext is built from); its values may not be imported.
    files: ['bot/teams/**/*.ts', 'bot/http/**/*.ts', 'bot/outbox/**/*.ts'],
    rules: {
      '@typescript-eslint/no-restricted-imports': ['error', {
        patterns: [{ group: ['**/data/*', '**/data'], allowTypeImports: true, message: 'Handlers and the worker call use cases (bot/usecases), never repositories: put this data access in a use case.' }],
      }],
      // ...nor reach the repositories through a UseCaseContext (`ctx.repos.people.get(...)`).
      'no-restricted-syntax': ['error', {
        selector: "MemberExpression[object.type='MemberExpression'][object.property.name='repos']",
        message: 'Handlers and the worker call use cases (bot/usecases), never repositories: put this data access in a use case.',
      }],
    },
  },
  {
    // STYLE.md §13: small units with one job. Blank lines and comments do not count.
    files: ['bot/**/*.ts'],
    rules: { 'max-lines-per-function': ['error', { max: 80, skipBlankLines: true, skipComments: true, IIFEs: true }] },
  },
);
