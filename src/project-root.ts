import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

/**
 * The repository's root folder, where `schema/` and the explorer's browser sources live: the
 * nearest folder above this module holding `package.json`. From the sources (`src/`), the compiled
 * server (`dist/main.js`, which inlines this module) and the compiled tools (`dist/cli/*.js`) alike.
 */
export const projectRoot = findRoot(dirname(fileURLToPath(import.meta.url)));

function findRoot(start: string): string {
  for (let folder = start; ; folder = dirname(folder)) {
    if (existsSync(join(folder, 'package.json'))) return `${folder}/`;
    if (dirname(folder) === folder) return `${dirname(start)}/`;
  }
}
