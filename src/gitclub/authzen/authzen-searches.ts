import type { EntityManager } from '../../db/database.js';
import { rawSql, sql, type SqlQuery } from '../../db/sql-query.js';
import { holderPathsOf, type HeldResourceType } from '../access-holders/held-resource-types.js';
import { organizationsOfHolderSql } from '../access-holders/organizations-of-holder.js';

/**
 * The two AuthZEN searches that list people or resources, in SQL from the same path queries as
 * `peopleWithAccess` and "what do I hold" (access-holders/): one statement per page, filtered in
 * the database, never a decision per candidate. Each reads one row more than the page to know
 * whether another page follows.
 */

/** One page of ids in sort order, with the last one's sort key when more follow. */
export interface IdPage {
  readonly ids: readonly string[];
  readonly nextAfter: string | undefined;
}

async function pageOf(em: EntityManager, query: SqlQuery, limit: number): Promise<IdPage> {
  const rows = await em.execute<{ id: string; sort_key: string }[]>(query.sql, [...query.params]);
  const page = rows.slice(0, limit);
  const last = page.at(-1);
  return { ids: page.map((row) => row.id), nextAfter: rows.length > limit && last ? last.sort_key : undefined };
}

/**
 * The users (not suspended: the decision refuses them everything) who hold `permission` on one
 * resource, by login: `peopleWithAccess`'s people.
 */
export function usersWithPermission(
  em: EntityManager,
  resource: { type: HeldResourceType; id: string },
  permission: string,
  after: string | undefined,
  limit: number,
): Promise<IdPage> {
  const paths = holderPathsOf[resource.type]({ resourceIds: sql`select ${resource.id}::uuid` }, permission);
  return pageOf(
    em,
    sql`select u.id, u.login as sort_key from users u
      where u.suspended_at is null and u.id in (select p.user_id from (${paths}) p)
        and ${after === undefined ? sql`true` : sql`u.login > ${after}`}
      order by u.login limit ${limit + 1}`,
    limit,
  );
}

/** Each resource of a type in the organizations where a user holds anything, with a key unique within the type: `login`, `login/name`, `login/name#number`. */
function namedOfType(type: HeldResourceType, organizations: SqlQuery): SqlQuery {
  switch (type) {
    case 'organization':
      return sql`select o.id, o.login collate "C" as sort_key from organizations o where o.id in (${organizations})`;
    case 'repository':
      return sql`select r.id, (o.login || '/' || r.name) collate "C" as sort_key
        from repositories r join organizations o on o.id = r.organization_id where o.id in (${organizations})`;
    case 'issue':
      return sql`select i.id, (o.login || '/' || r.name || '#' || lpad(i.number::text, 10, '0')) collate "C" as sort_key
        from issues i join repositories r on r.id = i.repository_id join organizations o on o.id = r.organization_id
        where o.id in (${organizations})`;
  }
}

/**
 * The resources of a type on which a user holds `permission`, in the organizations where they hold
 * a role or an active grant (what "what do I hold" walks), by organization login, then name, then
 * number. Note: platform support's read-only reach into every tenant is decided, not listed.
 */
export function resourcesWithPermission(
  em: EntityManager,
  userId: string,
  type: HeldResourceType,
  permission: string,
  after: string | undefined,
  limit: number,
): Promise<IdPage> {
  const paths = holderPathsOf[type]({ resourceIds: rawSql('select id from named'), userIds: sql`select ${userId}::uuid` }, permission);
  return pageOf(
    em,
    sql`with named as (${namedOfType(type, organizationsOfHolderSql(userId))})
      select n.id, n.sort_key from named n
      where n.id in (select p.resource_id from (${paths}) p)
        and ${after === undefined ? sql`true` : sql`n.sort_key > ${after} collate "C"`}
      order by n.sort_key limit ${limit + 1}`,
    limit,
  );
}
