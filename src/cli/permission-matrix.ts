import { writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { pathToFileURL } from 'node:url';
import { renderPermissionMatrix } from '../gitclub/permission-matrix/render-permission-matrix.js';

/** `npm run matrix`: writes docs/permissions.md, the permission matrix, from the SDL and the policy (no database). */

/** Where `npm run matrix` writes the matrix, and where the staleness test reads the committed copy. */
export const permissionMatrixPath = join(import.meta.dirname, '..', '..', 'docs', 'permissions.md');

const invokedAs = process.argv[1];
if (invokedAs !== undefined && import.meta.url === pathToFileURL(invokedAs).href) {
  try {
    writeFileSync(permissionMatrixPath, renderPermissionMatrix());
    console.log(`Wrote ${relative(process.cwd(), permissionMatrixPath)}`);
  } catch (error: unknown) {
    console.error(error instanceof Error ? error.message : error);
    process.exit(1);
  }
}
