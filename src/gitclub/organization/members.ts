import type { PageRequest } from '../pagination.js';
import { connection } from '../pagination.js';
import type { RequestContext } from '../context.js';
import type { User } from '../entities/user.entity.js';

/**
 * One page of an organization's members, ordered by login, through the request's loaders: the
 * pages (and counts) of many organizations cost one statement, their users and roles one each.
 */
export async function loadMembersPage(context: RequestContext, organizationId: string, page: PageRequest) {
  const rows = await context.loaders.memberPages.load({ parentId: organizationId, filter: '', after: page.after, limit: page.limit + 1 });
  const [users, roles] = await Promise.all([
    context.loaders.user.loadMany(rows.map((row) => row.userId)),
    context.loaders.role.loadMany(rows.map((row) => row.roleId)),
  ]);
  const memberships = rows.map((row, index) => ({
    login: row.login,
    user: (users[index] ?? undefined) as User | undefined,
    organization: { id: organizationId },
    role: roles[index],
  }));
  return connection(
    memberships,
    page,
    (membership) => membership.login,
    () => context.loaders.memberCount.load({ parentId: organizationId, filter: '' }),
  );
}
