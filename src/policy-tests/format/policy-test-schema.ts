import { join } from 'node:path';
import { projectRoot } from '../../project-root.js';
import { jsonSchemaOf } from './json-schema.js';
import { policyTestFormat } from './policy-test-format.js';

/** Where the JSON Schema of the format is committed, beside the files that name it (`# yaml-language-server: $schema=./policy-test.schema.json`). */
export const policyTestSchemaPath = join(projectRoot, 'policy-tests', 'policy-test.schema.json');

/**
 * The JSON Schema of a policy-test file, as committed: generated from the format (and the policy's
 * permissions, which editors offer), so `npm run policy:test -- --write-schema` rewrites it and a
 * test fails while the committed copy is stale.
 */
export function policyTestJsonSchema(): string {
  const schema = {
    $schema: 'http://json-schema.org/draft-07/schema#',
    title: 'Rolegate policy test',
    $comment: 'Generated from src/policy-tests/format/policy-test-format.ts by `npm run policy:test -- --write-schema`: do not edit.',
    ...jsonSchemaOf(policyTestFormat),
  };
  return `${JSON.stringify(schema, null, 2)}\n`;
}
