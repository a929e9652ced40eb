import js from '@eslint/js';
import tseslint from 'typescript-eslint';

export default tseslint.config(
  { ignores: ['node_modules/', 'data/', 'test-artifacts/'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_', destructuredArrayIgnorePattern: '^_' }],
    },
  },
  {
    // The explorer's browser entry (bundled by esbuild, never run by Node).
    files: ['src/http/explorer/explorer-app.js'],
    languageOptions: { globals: { document: 'readonly', window: 'readonly', Worker: 'readonly', fetch: 'readonly' } },
  },
  {
    // The authorization core knows nothing of the domain, of authentication or of the database.
    files: ['src/authz/**/*.ts'],
    rules: {
      'no-restricted-imports': ['error', { patterns: ['../gitclub/*', '../auth/*', '../db/*', '../*/**'] }],
    },
  },
);
