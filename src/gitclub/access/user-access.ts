import { accessFromGrants, type AccessSource } from '@rolegate/authz';
import type { AuthenticatedViewer } from '../../auth/viewer.js';
import { builtInRoles } from '../policy/built-in-roles.js';

const self = builtInRoles.get('self');

/** User access: the `self` role on one's own account, no query. Every signed-in user sees every user's public fields. */
export function userAccessSource(): AccessSource<AuthenticatedViewer> {
  return {
    resourceType: 'user',
    async loadAccess(ids, viewer) {
      return ids.map((id) =>
        accessFromGrants('user', id, id === viewer.id && self ? [{ role: self.name, via: 'self', permissions: self.permissions }] : []),
      );
    },
  };
}
