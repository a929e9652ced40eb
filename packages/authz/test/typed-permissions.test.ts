// An application's permission names as a type: the catalog narrows strings to them, and an
// authorizer typed with them refuses, at compile time, a name outside the catalog or a permission
// checked on a resource of another type. `npm run typecheck` runs the `@ts-expect-error` lines:
// each must stay an error.
import { describe, expect, it } from 'vitest';
import {
  accessFromGrants,
  Authorizer,
  createPermissionCatalog,
  type AccessSource,
  type PermissionNameOf,
  type Viewer,
} from '../src/index.js';

const table = {
  folder: { read: 'See the folder.', share: 'Share the folder.' },
  document: { read: 'See the document.', edit: 'Edit the document.' },
} as const;
type DocumentsPermission = PermissionNameOf<typeof table>;
const catalog = createPermissionCatalog(table);

const readEverything = (resourceType: string): AccessSource => ({
  resourceType,
  loadAccess: async (ids) =>
    ids.map((id) => accessFromGrants(resourceType, id, [{ via: 'owner', permissions: new Set([`read:${resourceType}`]) }])),
});

describe('typed permission names', () => {
  it('are the table names, and the catalog narrows a string to them', () => {
    const names: DocumentsPermission[] = ['read:folder', 'share:folder', 'read:document', 'edit:document'];
    expect(catalog.permissions.map((permission) => permission.name)).toEqual(names);
    const input: string = 'edit:document';
    expect(catalog.has(input)).toBe(true);
    expect(catalog.has('edit:folder')).toBe(false);
  });

  it('type the checks of an authorizer', async () => {
    const authorizer = new Authorizer<Viewer, DocumentsPermission>({
      viewer: { id: 'ann' },
      sources: new Map([
        ['folder', readEverything('folder')],
        ['document', readEverything('document')],
      ]),
    });
    expect(await authorizer.can('read:document', 'document', 'd1')).toBe(true);
    expect(await authorizer.can('edit:document', 'document', 'd1')).toBe(false);
    // @ts-expect-error: not a permission of the catalog.
    expect(await authorizer.can('delete:document', 'document', 'd1')).toBe(false);
    // @ts-expect-error: a document permission checked on a folder.
    expect(await authorizer.can('read:document', 'folder', 'f1')).toBe(false);
  });
});
