// docs/configuration.md is the configuration reference rendered from src/config-reference.ts, and
// that reference documents exactly the variables src/config.ts reads (src/tracing/tracing-settings.ts
// included): a new setting fails this test until it has a row, and a row for a setting that is gone
// fails it too.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { configurationDocPath } from '../../src/cli/configuration-doc.js';
import { configurationReference, renderConfigurationDoc } from '../../src/config-reference.js';
import { projectRoot } from '../../src/project-root.js';

/**
 * The variables the config module reads (with the tracing settings it includes): through its
 * helpers (`integer('X', …)`), `env.X`, and `X_FILE` for `file('X')` and `url('X')`.
 */
function variablesRead(): string[] {
  const source = ['config.ts', 'tracing/tracing-settings.ts'].map((file) => readFileSync(join(projectRoot, 'src', file), 'utf8')).join('\n');
  const names = new Set<string>(['NODE_ENV']);
  for (const [, helper, name] of source.matchAll(/\b(integer|flag|oneOf|url|file|bytes)(?:<[^>]*>)?\('([A-Z][A-Z0-9_]*)'/g)) {
    names.add(name as string);
    // `file` and `url` also read `<NAME>_FILE`.
    if (helper === 'file' || helper === 'url') names.add(`${name}_FILE`);
  }
  for (const [, name] of source.matchAll(/\benv\.([A-Z][A-Z0-9_]*)/g)) names.add(name as string);
  return [...names].sort();
}

describe('the configuration reference', () => {
  it('documents exactly the variables src/config.ts reads', () => {
    const documented = configurationReference.flatMap((setting) => setting.variables);
    expect([...new Set(documented)].sort()).toEqual(variablesRead());
  });

  it('is what docs/configuration.md holds (npm run docs:config after changing it)', () => {
    expect(readFileSync(configurationDocPath, 'utf8')).toBe(renderConfigurationDoc());
  });

  it("is linked from README and from the operators' page, which do not repeat the table", () => {
    const readme = readFileSync(join(projectRoot, 'README.md'), 'utf8');
    const operators = readFileSync(join(projectRoot, 'docs', 'operators.md'), 'utf8');
    expect(readme).toContain('(docs/configuration.md)');
    expect(operators).toContain('(configuration.md)');
    for (const page of [readme, operators]) expect(page).not.toContain('| `VERIFIED_TOKEN_CACHE_SIZE` |');
  });
});
