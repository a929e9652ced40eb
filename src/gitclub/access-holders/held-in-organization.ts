import type DataLoader from 'dataloader';
import type { EntityManager } from '../../db/database.js';
import { sqlArray } from '../../db/sql-array.js';
import { joinSql, rawSql, sql, type SqlQuery } from '../../db/sql-query.js';
import type { BatchWrapper } from '../batch-sizes.js';
import { childCountLoader, childPagesLoader, type ChildCountKey, type ChildPageKey } from '../child-pages.js';
import { permissionCatalog } from '../policy/policy.js';
import { heldResourceTypes, holderPathsOf, type HeldResourceType } from './held-resource-types.js';

/** One permission a person holds on a resource, with every path that gives it. */
export interface HeldPermissionRow {
  readonly permission: string;
  readonly via: string;
  readonly role: string | null;
  readonly expiresAt: string | null;
}

/** One resource of an organization where a person holds at least one permission. */
export interface HeldResourceRow {
  readonly resourceType: HeldResourceType;
  readonly resourceId: string;
  /** As people know it: `beatles`, `beatles/infra`, `beatles/infra#3`. */
  readonly name: string;
  /** The page's sort key: the organization first, then its repositories by name, then issues by repository and number. */
  readonly sortKey: string;
  readonly paths: readonly HeldPermissionRow[];
}

/**
 * The request loaders of "what does this person hold": pages of the resources of organizations
 * where one person (the key's `filter` is their id) holds any permission, each with its permissions
 * and their paths, and their counts. One statement per page request per batch of organizations.
 */
export interface HeldInOrganizationLoaders {
  readonly heldInOrganizationPages: DataLoader<ChildPageKey, HeldResourceRow[], string>;
  readonly heldInOrganizationCount: DataLoader<ChildCountKey, number, string>;
}

/** The resources of the organizations, each with its organization, the name people know and its sort key. */
function namedResources(organizationIds: SqlQuery): SqlQuery {
  return sql`select 'organization' as resource_type, o.id as resource_id, o.id as organization_id, o.login as name, '0' as sort_key
      from organizations o where o.id in (${organizationIds})
    union all
    select 'repository', r.id, o.id, o.login || '/' || r.name, '1|' || r.name
      from repositories r join organizations o on o.id = r.organization_id where o.id in (${organizationIds})
    union all
    select 'issue', i.id, o.id, o.login || '/' || r.name || '#' || i.number, '2|' || r.name || '#' || lpad(i.number::text, 10, '0')
      from issues i join repositories r on r.id = i.repository_id join organizations o on o.id = r.organization_id where o.id in (${organizationIds})`;
}

/** Every path of the person on every resource of the organizations, for every permission of the catalog, from the same SQL as peopleWithAccess. */
function heldPaths(organizationIds: SqlQuery, userId: string): SqlQuery {
  const people = sql`select ${userId}::uuid`;
  const resourceIds: Record<HeldResourceType, SqlQuery> = {
    organization: organizationIds,
    repository: sql`select id from repositories where organization_id in (${organizationIds})`,
    issue: sql`select i.id from issues i join repositories r on r.id = i.repository_id where r.organization_id in (${organizationIds})`,
  };
  const selects = heldResourceTypes.flatMap((type) =>
    permissionCatalog.permissions
      .filter((entry) => entry.resourceType === type)
      .map(
        (entry) =>
          sql`select ${type}::text as resource_type, ${entry.name}::text as permission, p.*
            from (${holderPathsOf[type]({ resourceIds: resourceIds[type], userIds: people }, entry.name)}) p`,
      ),
  );
  return joinSql(selects, '\nunion all\n');
}

/** The resources held, grouped with their paths, as a CTE body over `named` and `paths`. */
const heldSql = rawSql(`select n.organization_id, n.resource_type, n.resource_id, n.name, n.sort_key,
    json_agg(json_build_object('permission', p.permission, 'via', p.via, 'role', p.role, 'expiresAt', p.expires_at)
      order by p.permission, p.via, p.role, p.expires_at) as paths
  from named n join paths p on p.resource_type = n.resource_type and p.resource_id = n.resource_id
  group by n.organization_id, n.resource_type, n.resource_id, n.name, n.sort_key`);

/**
 * The CTEs `named`, `paths` and `held` (as `with` takes them): every resource of the organizations
 * where the person holds any permission, with its organization, name, sort key and paths.
 */
export function heldCtes(organizationIds: SqlQuery, userId: string): SqlQuery {
  return sql`named as (${namedResources(organizationIds)}), paths as (${heldPaths(organizationIds, userId)}), held as (${heldSql})`;
}

/** Loaders over what one person holds in organizations, batched across organizations. */
export function heldInOrganizationLoaders(
  em: EntityManager,
  observe: (name: keyof HeldInOrganizationLoaders) => BatchWrapper,
): HeldInOrganizationLoaders {
  const organizations = (ids: readonly string[]) => sql`select unnest(${sqlArray(ids)}::uuid[])`;
  return {
    heldInOrganizationPages: childPagesLoader(async ({ parentIds, filter: userId, after, limit }) => {
      const ids = organizations(parentIds);
      const query = sql`with ${heldCtes(ids, userId)}
        select * from (
          select h.*, row_number() over (partition by h.organization_id order by h.sort_key) as position
          from held h where ${after === undefined ? sql`true` : sql`h.sort_key > ${after}`}
        ) ranked where position <= ${limit} order by organization_id, position`;
      const rows = await em.execute<
        {
          organization_id: string;
          resource_type: HeldResourceType;
          resource_id: string;
          name: string;
          sort_key: string;
          paths: HeldPermissionRow[] | string;
        }[]
      >(query.sql, [...query.params]);
      return rows.map((row) => ({
        parentId: row.organization_id,
        row: {
          resourceType: row.resource_type,
          resourceId: row.resource_id,
          name: row.name,
          sortKey: row.sort_key,
          paths: typeof row.paths === 'string' ? (JSON.parse(row.paths) as HeldPermissionRow[]) : row.paths,
        },
      }));
    }, observe('heldInOrganizationPages')),
    heldInOrganizationCount: childCountLoader(async (parentIds, userId) => {
      const ids = organizations(parentIds);
      const query = sql`with ${heldCtes(ids, userId)}
        select organization_id, count(*) as count from held group by organization_id`;
      const rows = await em.execute<{ organization_id: string; count: string }[]>(query.sql, [...query.params]);
      return new Map(rows.map((row) => [row.organization_id, Number(row.count)]));
    }, observe('heldInOrganizationCount')),
  };
}
