import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { pathToFileURL } from 'node:url';
import { cliArguments } from './cli-arguments.js';

/** `npm run matrix`: writes docs/permissions.md, the permission matrix, from the SDL and the policy (no database). */

/** Where `npm run matrix` writes the matrix, and where the staleness test reads the committed copy. */
export const permissionMatrixPath = join(import.meta.dirname, '..', '..', 'docs', 'permissions.md');

const invokedAs = process.argv[1];
if (invokedAs !== undefined && import.meta.url === pathToFileURL(invokedAs).href) {
  cliArguments(
    {
      usage:
        'npm run matrix [-- --help]\n\nRegenerates docs/permissions.md, the permission matrix (schema coordinates, permissions, built-in roles, role diagram), from the SDL and the policy; no database. Commit the result: a test fails while it is stale.',
    },
    {},
  );
  try {
    const { renderPermissionMatrix } = await import('../gitclub/permission-matrix/render-permission-matrix.js');
    const rendered = renderPermissionMatrix();
    const shown = relative(process.cwd(), permissionMatrixPath);
    if (existsSync(permissionMatrixPath) && readFileSync(permissionMatrixPath, 'utf8') === rendered) {
      console.log(`${shown} is already current: nothing written.`);
    } else {
      writeFileSync(permissionMatrixPath, rendered);
      console.log(`Wrote ${shown}`);
    }
  } catch (error: unknown) {
    console.error(error instanceof Error ? error.message : error);
    process.exit(1);
  }
}
