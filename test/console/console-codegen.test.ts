// The console's typed operations: src/console/app/gql/ is what graphql-codegen writes from
// schema.graphql today (`npm run console:codegen`), formatted by Prettier as its hook does, so an
// operation cannot drift from the schema without this failing (and `npm run typecheck` compiles
// the console against those types).
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { generate } from '@graphql-codegen/cli';
import { format, resolveConfig } from 'prettier';
import { describe, expect, it } from 'vitest';
import codegenConfig from '../../src/console/codegen.js';
import { projectRoot } from '../../src/project-root.js';

describe('the generated types of the console', () => {
  it('are what graphql-codegen writes from schema.graphql (npm run console:codegen)', async () => {
    const outputs: ReadonlyArray<{ filename: string; content: string }> = await generate(
      { ...codegenConfig, hooks: {}, cwd: projectRoot, silent: true, errorsOnly: true },
      false,
    );
    expect(outputs.map((output) => output.filename).sort()).toEqual([
      'src/console/app/gql/gql.ts',
      'src/console/app/gql/graphql.ts',
      'src/console/app/gql/index.ts',
    ]);
    for (const output of outputs) {
      const path = join(projectRoot, output.filename);
      const formatted = await format(output.content, { ...(await resolveConfig(path)), filepath: path });
      expect(readFileSync(path, 'utf8'), `${output.filename} is stale: npm run console:codegen`).toBe(formatted);
    }
  }, 60_000);
});
