import { accessFromGrants } from '@rolegate/authz';
import { builtInRoles } from '../policy/built-in-roles.js';
import { heldVia } from './grant-source.js';
import type { AccessLoader } from './access-loader.js';

const self = builtInRoles.get('self');

/** User access: the `self` role on one's own account, no query. Every signed-in user sees every user's public fields. */
export function userAccessSource(): AccessLoader {
  return {
    async loadAccess(ids, viewer) {
      return ids.map((id) => accessFromGrants('user', id, id === viewer.id && self ? [heldVia('self', self.permissions, self.name)] : []));
    },
  };
}
