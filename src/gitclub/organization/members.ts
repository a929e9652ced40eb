import type { PageRequest } from '../pagination.js';
import { connection } from '../pagination.js';
import type { RequestContext } from '../context.js';
import { UserEntity } from '../entities/user.entity.js';

interface MemberRow {
  user_id: string;
  role_id: string;
  login: string;
}

/** One page of an organization's members, ordered by login; users and roles come through the request's loaders. */
export async function loadMembersPage(context: RequestContext, organizationId: string, page: PageRequest) {
  const from = `from role_assignments ra join users u on u.id = ra.user_id where ra.resource_type = 'organization' and ra.resource_id = ?`;
  const rows = await context.em.execute<MemberRow[]>(
    `select ra.user_id, ra.role_id, u.login ${from} ${page.after === undefined ? '' : 'and u.login > ?'} order by u.login limit ?`,
    [organizationId, ...(page.after === undefined ? [] : [page.after]), page.limit + 1],
  );
  const users = new Map(
    (await context.em.find(UserEntity, { id: { $in: rows.map((row) => row.user_id) } })).map((user) => [user.id, user]),
  );
  const roles = await context.loaders.role.loadMany(rows.map((row) => row.role_id));
  const memberships = rows.map((row, index) => ({
    login: row.login,
    user: users.get(row.user_id),
    organization: { id: organizationId },
    role: roles[index],
  }));
  return connection(
    memberships,
    page,
    (membership) => membership.login,
    async () => {
      const [count] = await context.em.execute<{ count: string }[]>(`select count(*) ${from}`, [organizationId]);
      return Number(count?.count ?? 0);
    },
  );
}
