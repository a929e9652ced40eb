import type { CodegenConfig } from '@graphql-codegen/cli';

/**
 * graphql-codegen's client preset over the API's complete SDL (`schema.graphql`, from
 * `npm run schema:print`): every `graphql(...)` document under src/ is validated against the
 * schema and typed, its variables and result included. `npx graphql-codegen --config
 * examples/client/codegen.ts` (from the repository root) writes src/gql/; the test suite checks
 * that what is committed is what it writes.
 */
const config: CodegenConfig = {
  schema: 'examples/client/../../schema.graphql',
  documents: ['examples/client/src/**/*.ts', '!examples/client/src/gql/**'],
  generates: {
    'examples/client/src/gql/': {
      preset: 'client',
      presetConfig: { fragmentMasking: false },
      config: { useTypeImports: true, enumsAsTypes: true },
    },
  },
  ignoreNoDocuments: false,
  // Imports between generated files with `.js`, as Node's ES modules (and `moduleResolution: NodeNext`) want them.
  emitLegacyCommonJSImports: false,
};

export default config;
