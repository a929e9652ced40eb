import type { UnitOfWork } from '../access-changes.js';
import { findAssignableRole } from '../role/find-assignable-role.js';
import { findRoleViews, type RoleView } from '../role/role-view.js';
import type { Place } from './place.js';

/** The roles each unit of work has resolved by name; they go with the unit. */
const resolvedIn = new WeakMap<UnitOfWork, Map<string, RoleView>>();

/**
 * The role a change gives, by name: a platform role on the platform; elsewhere a built-in role of
 * the place's type or the organization's custom role (`findAssignableRole`). Read once per unit of
 * work, like the organization's lock: a unit making many changes (a batch of the legacy apply)
 * reads each role once instead of once per change.
 *
 * Note: a built-in role is remembered for every organization, as `findAssignableRole` answers it
 * before a custom role of the same name; built-in roles change only when the policy is synced at
 * start. A custom role is read under its organization's lock, which deleting it takes too;
 * renaming it or changing its permissions does not, and a unit goes on giving it as first read
 * (the next unit reads it again).
 */
export async function roleToGive(unit: UnitOfWork, place: Place, roleName: string | undefined): Promise<RoleView> {
  if (roleName === undefined) throw new Error('A role change that gives a role names it.');
  const resolved = resolvedIn.get(unit) ?? new Map<string, RoleView>();
  resolvedIn.set(unit, resolved);
  const builtInKey = `${place.resourceType}|${roleName}`;
  const customKey = `${place.organizationId ?? ''}|${builtInKey}`;
  const known = resolved.get(builtInKey) ?? resolved.get(customKey);
  if (known) return known;
  const role = await findRole(unit, place, roleName);
  resolved.set(role.builtIn ? builtInKey : customKey, role);
  return role;
}

async function findRole(unit: UnitOfWork, place: Place, roleName: string): Promise<RoleView> {
  if (place.resourceType === 'platform' || !place.organizationId) {
    const [role] = await findRoleViews(unit.tx, "r.name = ? and r.built_in and r.resource_type = 'platform'", [roleName]);
    if (!role) throw new Error(`"${roleName}" is not a platform role.`);
    return role;
  }
  return findAssignableRole(unit.tx, place.organizationId, roleName, place.resourceType);
}
