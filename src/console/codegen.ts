import type { CodegenConfig } from '@graphql-codegen/cli';

/**
 * graphql-codegen's client preset for the console: every `graphql(...)` document under
 * src/console/app/ is validated against the complete SDL (`schema.graphql`) and typed, variables and
 * result included. Documents are plain strings (`documentMode: 'string'`), so the browser bundle
 * needs no GraphQL parser. `npm run console:codegen` writes src/console/app/gql/ and formats it with
 * Prettier; test/console/console-codegen.test.ts checks that what is committed is what it writes.
 */
const config: CodegenConfig = {
  schema: 'schema.graphql',
  documents: ['src/console/app/**/*.{ts,tsx}', '!src/console/app/gql/**'],
  generates: {
    'src/console/app/gql/': {
      preset: 'client',
      presetConfig: { fragmentMasking: false },
      config: { useTypeImports: true, enumsAsTypes: true, documentMode: 'string' },
    },
  },
  ignoreNoDocuments: false,
  // Imports between generated files with `.js`, as `moduleResolution: NodeNext` wants them.
  emitLegacyCommonJSImports: false,
  hooks: { afterAllFileWrite: ['prettier --write'] },
};

export default config;
