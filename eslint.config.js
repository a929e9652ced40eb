import js from '@eslint/js';
import tseslint from 'typescript-eslint';

/** No getter or setter in an object literal on the server's paths (src/ and the core's sources): why, in the message. */
const noObjectLiteralAccessors = {
  selector: "ObjectExpression > Property[kind='get'], ObjectExpression > Property[kind='set']",
  message:
    'No getter or setter in an object literal: V8 gives each such object a map of its own, which keeps it, and all it holds, ' +
    'alive until a full collection (docs/contributors.md, "A map per request"). Use a class: its getters are on the prototype.',
};

export default tseslint.config(
  { ignores: ['node_modules/', 'data/', 'test-artifacts/', 'dist/', 'examples/client/src/gql/', 'src/console/app/gql/'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    rules: {
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', varsIgnorePattern: '^_', destructuredArrayIgnorePattern: '^_' },
      ],
    },
  },
  {
    // Build and start scripts: plain JavaScript run by Node.
    files: ['scripts/**/*.mjs'],
    languageOptions: { globals: { console: 'readonly', process: 'readonly' } },
  },
  {
    // The explorer's browser entry (bundled by esbuild, never run by Node).
    files: ['src/http/explorer/explorer-app.js'],
    languageOptions: { globals: { document: 'readonly', window: 'readonly', Worker: 'readonly', fetch: 'readonly' } },
  },
  {
    // The authorization core is a package of its own: it knows nothing of the app (no import leaves packages/authz/src).
    files: ['packages/authz/src/**/*.ts'],
    rules: {
      'no-restricted-imports': ['error', { patterns: ['../*', '@rolegate/*'] }],
    },
  },
  {
    // The app uses the core like any other user would: by its package name, never by path.
    files: ['src/**/*.ts', 'test/**/*.ts', 'bench/**/*.ts'],
    rules: {
      'no-restricted-imports': ['error', { patterns: ['**/packages/*', '**/packages/**'] }],
    },
  },
  {
    // One module builds every error a client can receive (src/errors/, its codes in error-catalog.ts). The console's
    // app is a client of the API: the error shapes it makes up for its own pages are not the server's.
    files: ['src/**/*.ts'],
    ignores: ['src/errors/**', 'src/console/app/**'],
    rules: {
      'no-restricted-syntax': [
        'error',
        {
          selector: "NewExpression[callee.name='GraphQLError']",
          message: 'Build GraphQL errors in src/errors/ (graphql-errors.ts, refusal.ts), with a code of its catalog.',
        },
        {
          selector: "ClassDeclaration[superClass.name='GraphQLError'], ClassExpression[superClass.name='GraphQLError']",
          message: 'Build GraphQL errors in src/errors/ (graphql-errors.ts, refusal.ts), with a code of its catalog.',
        },
        {
          selector: "Property[key.name='extensions'] > ObjectExpression > Property[key.name='code']",
          message: 'Give an error its code in src/errors/ (graphql-errors.ts, formatted-errors.ts), with a code of its catalog.',
        },
        noObjectLiteralAccessors,
      ],
    },
  },
  {
    files: ['packages/authz/src/**/*.ts'],
    rules: {
      'no-restricted-syntax': ['error', noObjectLiteralAccessors],
    },
  },
);
