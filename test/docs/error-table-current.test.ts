// The error tables of docs/frontend.md are those rendered from src/errors/error-catalog.ts: a code
// or a refusal reason added to the catalog, or a sentence changed, fails this test until
// `npm run docs:errors` has rewritten them.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { errorsDocPath } from '../../src/cli/errors-doc.js';
import { errorCatalog, refusalReasons } from '../../src/errors/error-catalog.js';
import { errorTableOf, renderErrorTable, withErrorTable } from '../../src/errors/error-table.js';

const rendered = renderErrorTable();

describe('the error tables of docs/frontend.md', () => {
  it('are what the catalog renders (npm run docs:errors after changing it)', () => {
    expect(errorTableOf(readFileSync(errorsDocPath, 'utf8')), 'docs/frontend.md is out of date: run `npm run docs:errors`.').toBe(rendered);
  });

  it('name every code with its statuses, and every reason with its code', () => {
    for (const [code, { status }] of Object.entries(errorCatalog)) expect(rendered).toContain(`| \`${code}\` | ${status.join(' / ')} |`);
    for (const [reason, { code }] of Object.entries(refusalReasons)) expect(rendered).toContain(`| \`${reason}\` | \`${code}\` |`);
  });

  it('fail when the page differs, and are put back by rewriting it', () => {
    const page = readFileSync(errorsDocPath, 'utf8');
    const stale = page.replace('| `RATE_LIMITED` | 429 |', '| `RATE_LIMITED` | 503 |');
    expect(errorTableOf(stale)).not.toBe(rendered);
    expect(withErrorTable(stale, rendered)).toBe(page);
  });
});
