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
  const grant = access.grants.find((candidate) => candidate.permissions.has(permission));
  return grant ? { outcome: 'allow', grant } : { outcome: 'forbidden', held: access.grants };
}
