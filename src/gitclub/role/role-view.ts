import type { EntityManager } from '../../db/database.js';
import { rolePermissionsSql } from '../access/role-rows.js';
import { sqlArray } from '../../db/sql-array.js';

/** A role as the API shows it. */
export interface RoleView {
  readonly id: string;
  readonly name: string;
  readonly description: string | null;
  readonly builtIn: boolean;
  readonly resourceType: string;
  readonly organizationId: string | null;
  readonly permissions: readonly string[];
}

interface RoleRow {
  id: string;
  name: string;
  description: string | null;
  built_in: boolean;
  resource_type: string;
  organization_id: string | null;
  permissions: string[];
}

const roleColumns = `r.id, r.name, r.description, r.built_in, r.resource_type, r.organization_id, ${rolePermissionsSql('r.id')} as permissions`;

function toView(row: RoleRow): RoleView {
  return {
    id: row.id,
    name: row.name,
    description: row.description,
    builtIn: row.built_in,
    resourceType: row.resource_type.toUpperCase(),
    organizationId: row.organization_id,
    permissions: [...row.permissions].sort(),
  };
}

/** Roles by id, in the order asked (null where missing): one query. */
export async function loadRoleViews(em: EntityManager, ids: readonly string[]): Promise<(RoleView | null)[]> {
  const rows = await em.execute<RoleRow[]>(`select ${roleColumns} from roles r where r.id = any(?::uuid[])`, [sqlArray(ids)]);
  const byId = new Map(rows.map((row) => [row.id, toView(row)]));
  return ids.map((id) => byId.get(id) ?? null);
}

/** Roles matching a SQL condition over `roles r`, ordered built-in first, then by name. */
export async function findRoleViews(em: EntityManager, where: string, params: unknown[]): Promise<RoleView[]> {
  const rows = await em.execute<RoleRow[]>(`select ${roleColumns} from roles r where ${where} order by r.built_in desc, r.name`, params);
  return rows.map(toView);
}
