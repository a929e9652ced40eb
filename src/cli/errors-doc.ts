import { readFileSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { renderErrorTable, withErrorTable } from '../errors/error-table.js';
import { projectRoot } from '../project-root.js';
import { cliArguments } from './cli-arguments.js';

/** The page that holds the clients' error tables, and where their staleness test reads the committed copy. */
export const errorsDocPath = join(projectRoot, 'docs', 'frontend.md');

/** `npm run docs:errors`: rewrites the error tables of docs/frontend.md from src/errors/error-catalog.ts. */
export function writeErrorsDoc(): void {
  writeFileSync(errorsDocPath, withErrorTable(readFileSync(errorsDocPath, 'utf8'), renderErrorTable()));
  console.log(`Wrote the error tables of ${relative(process.cwd(), errorsDocPath)}`);
}

if (process.argv[1] && import.meta.filename === process.argv[1]) {
  cliArguments(
    {
      usage:
        'npm run docs:errors [-- --help]\n\nRewrites the error tables of docs/frontend.md (between their markers) from src/errors/error-catalog.ts.',
    },
    {},
  );
  writeErrorsDoc();
}
