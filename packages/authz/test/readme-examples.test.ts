import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';

/** The README shows both servers as they are: changing one fails here until the README shows the change too. */
const read = (path: string) => readFileSync(new URL(`../${path}`, import.meta.url), 'utf8');

describe('the README', () => {
  it('shows examples/query-expectations/documents.mjs whole', () => {
    expect(read('README.md')).toContain(`\`\`\`js\n${read('examples/query-expectations/documents.mjs')}\`\`\``);
  });

  it.each(['examples/apollo/server.mjs', 'examples/yoga/server.mjs'])('shows %s whole, in under 40 lines', (path) => {
    const source = read(path);
    expect(read('README.md')).toContain(`\`\`\`js\n${source}\`\`\``);
    expect(source.trimEnd().split('\n').length).toBeLessThan(40);
  });
});
