import type DataLoader from 'dataloader';
import type { EntityManager } from '../../db/database.js';
import { sqlArray } from '../../db/sql-array.js';
import { byIds } from '../batch-loaders.js';
import type { BatchWrapper } from '../batch-sizes.js';
import { childCountLoader, childPagesLoader, pagePerParent, type ChildCountKey, type ChildPageKey } from '../child-pages.js';
import { organizationRead, type OrganizationRead } from '../read-models.js';

/** The request loaders of organizations: organizations by id, and pages and counts of their members. */
export interface OrganizationLoaders {
  readonly organization: DataLoader<string, OrganizationRead | null>;
  /** Pages of an organization's members by login, and their counts. */
  readonly memberPages: DataLoader<ChildPageKey, MemberRow[], string>;
  readonly memberCount: DataLoader<ChildCountKey, number, string>;
}

/** One membership row of `memberPages`. */
export interface MemberRow {
  readonly userId: string;
  readonly roleId: string;
  readonly login: string;
}

/** Loaders over `organizations` and their organization role assignments, batched across organizations. */
export function organizationLoaders(em: EntityManager, observing: (name: keyof OrganizationLoaders) => BatchWrapper): OrganizationLoaders {
  return {
    organization: byIds(
      async (ids) =>
        (await em.execute<Record<string, unknown>[]>('select * from organizations where id = any(?::uuid[])', [sqlArray(ids)])).map(
          organizationRead,
        ),
      observing('organization'),
    ),
    memberPages: childPagesLoader(async ({ parentIds, after, limit }) => {
      const page = pagePerParent(
        {
          columns: 'ra.resource_id as organization_id, ra.user_id, ra.role_id, u.login',
          from: 'role_assignments ra join users u on u.id = ra.user_id',
          parentColumn: 'ra.resource_id',
          conditions: `and ra.resource_type = 'organization' ${after === undefined ? '' : 'and u.login > ?'}`,
          conditionParams: [...(after === undefined ? [] : [after])],
          orderBy: 'u.login',
        },
        parentIds,
        limit,
      );
      const rows = await em.execute<{ organization_id: string; user_id: string; role_id: string; login: string }[]>(page.sql, page.params);
      return rows.map((row) => ({ parentId: row.organization_id, row: { userId: row.user_id, roleId: row.role_id, login: row.login } }));
    }, observing('memberPages')),
    memberCount: childCountLoader(async (organizationIds) => {
      const rows = await em.execute<{ organization_id: string; count: string }[]>(
        `select ra.resource_id as organization_id, count(*) from role_assignments ra join users u on u.id = ra.user_id
         where ra.resource_type = 'organization' and ra.resource_id = any(?::uuid[]) group by ra.resource_id`,
        [sqlArray(organizationIds)],
      );
      return new Map(rows.map((row) => [row.organization_id, Number(row.count)]));
    }, observing('memberCount')),
  };
}
