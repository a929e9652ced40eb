// `schema.graphql` is what `npm run schema:print` prints: complete (it builds on its own, directive
// definitions included), current, and saying in each guarded field's description what guards it.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { buildSchema, isObjectType } from 'graphql';
import { describe, expect, it } from 'vitest';
import { printApiSchema } from '../../src/gitclub/print-schema.js';
import { projectRoot } from '../../src/project-root.js';
import { runCommand } from '../helpers/run-cli.js';

const printed = printApiSchema();

describe('schema.graphql', () => {
  it('is what npm run schema:print prints (run it after changing schema/*.graphql)', () => {
    expect(readFileSync(join(projectRoot, 'schema.graphql'), 'utf8')).toBe(printed);
  });

  it('builds on its own, with the same types as the server', () => {
    const standalone = buildSchema(printed);
    expect(Object.keys(standalone.getTypeMap()).sort()).toContain('Repository');
    expect(standalone.getDirective('auth')?.args.map((argument) => argument.name)).toEqual(['permission', 'resource']);
  });

  it.each([
    ['Repository', undefined, 'Authorization: each Repository needs `read:repository`.'],
    ['Repository', 'readme', 'Authorization: needs `read_code:repository` on the parent Repository.'],
    ['Mutation', 'createIssue', 'Authorization: needs `create_issue:repository` on the resource whose id is at `input.repositoryId`.'],
    ['Query', 'viewer', 'Authorization: any signed-in user.'],
  ])('states the authorization of %s.%s in its description', (typeName, fieldName, sentence) => {
    const type = buildSchema(printed).getType(typeName);
    if (!isObjectType(type)) throw new Error(`${typeName} is no object type`);
    const description = fieldName ? type.getFields()[fieldName]?.description : type.description;
    expect(description).toContain(sentence);
  });
});

describe('npm run schema:print', () => {
  it.each([
    { flags: [], code: 0, out: 'directive @auth(' },
    { flags: ['--help'], code: 0, out: 'Prints the complete SDL' },
    { flags: ['--since'], code: 2, err: "Unknown option '--since'" },
  ])('$flags: exit $code', async ({ flags, code, out, err }) => {
    const result = await runCommand('src/cli/schema-print.ts', flags);
    expect(result.code).toBe(code);
    if (out) expect(result.stdout).toContain(out);
    if (err) expect(result.stderr).toContain(err);
  });
});
