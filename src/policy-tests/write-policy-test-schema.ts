import { readFile, writeFile } from 'node:fs/promises';
import { relative } from 'node:path';
import { policyTestJsonSchema, policyTestSchemaPath } from './format/policy-test-schema.js';

/**
 * Rewrites policy-tests/policy-test.schema.json from the format, laid out as the project's
 * formatter lays out JSON (so `npm run lint` accepts it as written); says what it did.
 */
export async function writePolicyTestSchema(): Promise<string> {
  const prettier = await import('prettier');
  const options = (await prettier.resolveConfig(policyTestSchemaPath)) ?? {};
  const text = await prettier.format(policyTestJsonSchema(), { ...options, parser: 'json' });
  const shown = relative(process.cwd(), policyTestSchemaPath);
  if ((await readFile(policyTestSchemaPath, 'utf8').catch(() => undefined)) === text)
    return `${shown} is already current: nothing written.`;
  await writeFile(policyTestSchemaPath, text);
  return `Wrote ${shown}`;
}
