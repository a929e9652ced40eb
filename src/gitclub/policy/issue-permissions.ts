import type { AccessGrant } from '@rolegate/authz';
import { heldVia } from '../access/grant-source.js';

/**
 * Issues have no roles: their permissions derive from the repository. Read if the repository is
 * readable; close and update with `manage_issues`, or as the author who can still read it. Pure.
 */
export function issueGrants(repositoryPermissions: ReadonlySet<string>, viewerIsAuthor: boolean): AccessGrant[] {
  const grants: AccessGrant[] = [];
  if (!repositoryPermissions.has('read:repository')) return grants;
  grants.push(heldVia('repository:read', new Set(['read:issue'])));
  if (repositoryPermissions.has('manage_issues:repository')) {
    grants.push(heldVia('repository:manage_issues', new Set(['read:issue', 'close:issue', 'update:issue'])));
  }
  if (viewerIsAuthor) grants.push(heldVia('author', new Set(['read:issue', 'close:issue', 'update:issue'])));
  return grants;
}
