import { notFoundError } from '@rolegate/authz';
import type { EntityManager } from '../../db/database.js';
import { findRoleViews } from '../role/role-view.js';
import type { Assignment } from './access-states.js';
import type { Place, PlaceType } from './place.js';

// The SQL of role assignments: only the write path (this folder) writes `role_assignments`.

/** A place named by its type and id, before its organization is looked up. */
export interface PlaceRef {
  readonly resourceType: PlaceType;
  readonly resourceId: string;
}

/** The place with its organization, NOT_FOUND when the resource is gone. */
export async function resolvePlace(tx: EntityManager, ref: PlaceRef): Promise<Place> {
  if (ref.resourceType === 'platform') return { ...ref, organizationId: null };
  const sql =
    ref.resourceType === 'organization'
      ? 'select id as organization_id from organizations where id = ?'
      : 'select organization_id from repositories where id = ?';
  const [row] = await tx.execute<{ organization_id: string }[]>(sql, [ref.resourceId]);
  if (!row) throw notFoundError();
  return { ...ref, organizationId: row.organization_id };
}

/** The explicit assignment a user holds on a place, with its role. */
export async function findAssignment(tx: EntityManager, userId: string, place: PlaceRef): Promise<Assignment | undefined> {
  const [row] = await tx.execute<{ id: string; role_id: string }[]>(
    'select id, role_id from role_assignments where user_id = ? and resource_type = ? and resource_id = ?',
    [userId, place.resourceType, place.resourceId],
  );
  if (!row) return undefined;
  const [role] = await findRoleViews(tx, 'r.id = ?', [row.role_id]);
  if (!role) throw new Error(`Role assignment ${row.id} names a role that does not exist.`);
  return { id: row.id, role };
}

export async function insertAssignment(tx: EntityManager, userId: string, roleId: string, place: PlaceRef): Promise<void> {
  await tx.execute(
    'insert into role_assignments (id, user_id, role_id, resource_type, resource_id, created_at) values (gen_random_uuid(), ?, ?, ?, ?, now())',
    [userId, roleId, place.resourceType, place.resourceId],
    'run',
  );
}

export async function updateAssignment(tx: EntityManager, assignmentId: string, roleId: string): Promise<void> {
  await tx.execute('update role_assignments set role_id = ? where id = ?', [roleId, assignmentId], 'run');
}

export async function deleteAssignment(tx: EntityManager, assignmentId: string): Promise<void> {
  await tx.execute('delete from role_assignments where id = ?', [assignmentId], 'run');
}

/** Ends the explicit repository roles a user holds in an organization; returns what they were. */
export async function deleteRepositoryRolesIn(
  tx: EntityManager,
  userId: string,
  organizationId: string,
): Promise<{ repository: string; role: string }[]> {
  return tx.execute<{ repository: string; role: string }[]>(
    `delete from role_assignments ra using repositories rep, roles r
     where ra.user_id = ? and ra.resource_type = 'repository' and ra.resource_id = rep.id and rep.organization_id = ? and r.id = ra.role_id
     returning rep.name as repository, r.name as role`,
    [userId, organizationId],
  );
}

/** Ends every assignment on a place (a deleted organization, with its repositories', or a deleted repository); returns who held one. */
export async function deleteAssignmentsOn(tx: EntityManager, place: Place): Promise<string[]> {
  const rows = await tx.execute<{ user_id: string }[]>(
    place.resourceType === 'organization'
      ? `delete from role_assignments where (resource_type = 'organization' and resource_id = ?)
           or (resource_type = 'repository' and resource_id in (select id from repositories where organization_id = ?))
         returning user_id`
      : 'delete from role_assignments where resource_type = ? and resource_id = ? returning user_id',
    place.resourceType === 'organization' ? [place.resourceId, place.resourceId] : [place.resourceType, place.resourceId],
  );
  return [...new Set(rows.map((row) => row.user_id))];
}

/** Every assignment of a role. */
export function holdersOf(tx: EntityManager, roleId: string): Promise<{ user_id: string; resource_id: string }[]> {
  return tx.execute('select user_id, resource_id from role_assignments where role_id = ?', [roleId]);
}

/** Moves every holder of a role to another. */
export async function moveHolders(tx: EntityManager, fromRoleId: string, toRoleId: string): Promise<void> {
  await tx.execute('update role_assignments set role_id = ? where role_id = ?', [toRoleId, fromRoleId], 'run');
}
