import type { Decision } from './decision.js';
import type { ViewerAccess } from './viewer-access.js';

/**
 * Decides whether `access` holds `permission`. Pure.
 *
 * Note: a viewer who cannot even see the resource (no `visibilityPermission`, or no access at all
 * because it does not exist) gets `not_found`, never `forbidden`: the two must be indistinguishable.
 * Without visibility nothing is allowed, whatever else the viewer holds there.
 */
export function decide(access: ViewerAccess | null, permission: string, visibilityPermission: string | undefined): Decision {
  if (!access) return { outcome: 'not_found' };
  // Visibility first: a permission on something the viewer cannot see grants nothing.
  if (visibilityPermission && !access.permissions.has(visibilityPermission)) return { outcome: 'not_found' };
  // A loop, not `find`: every item of a list is decided here, and a callback per call is garbage per item.
  for (const grant of access.grants) if (grant.permissions.has(permission)) return { outcome: 'allow', grant };
  return { outcome: 'forbidden', held: access.grants };
}
