import { requireViewer, type RequestContext } from '../context.js';
import type { GrantSource } from '../access/grant-source.js';
import { describeGrant } from '../explain/describe-grant.js';
import { connection, pageRequest, type PageArgs } from '../pagination.js';
import type { IssueRead } from '../read-models.js';
import { requireUuid } from '../validation.js';
import type { HeldPermissionRow, HeldResourceRow } from './held-in-organization.js';
import type { HeldResourceType, HolderPathRow, HolderRow } from './access-holder-loaders.js';

/** One path of a holder, as `AccessPath` shows it: explainAccess's words, and a sentence. */
function accessPath(path: HolderPathRow, permission: string) {
  const grant = { via: path.via as GrantSource, permissions: new Set([permission]), ...(path.role === null ? {} : { role: path.role }) };
  return {
    via: path.via,
    role: path.role,
    expiresAt: path.expiresAt === null ? null : new Date(path.expiresAt).toISOString(),
    description: describeGrant(grant, permission),
  };
}

/** What one person holds on one resource, one entry per permission with all its paths. */
export function resourceAccess(row: HeldResourceRow) {
  const byPermission = new Map<string, HeldPermissionRow[]>();
  for (const path of row.paths) byPermission.set(path.permission, [...(byPermission.get(path.permission) ?? []), path]);
  return {
    resourceType: row.resourceType.toUpperCase(),
    resourceId: row.resourceId,
    name: row.name,
    permissions: [...byPermission].map(([permission, paths]) => ({ permission, via: paths.map((path) => accessPath(path, permission)) })),
  };
}

/** One page of the people who hold `action` on a resource, through the request's loaders (one statement per batch of resources). */
async function peopleWithAccess(
  context: RequestContext,
  type: HeldResourceType,
  resourceId: string,
  args: PageArgs & { permission: string },
) {
  requireViewer(context);
  const permission = `${args.permission}:${type}`;
  const page = pageRequest(args);
  const rows = await context.loaders[`${type}HolderPages`].load({
    parentId: resourceId,
    filter: permission,
    after: page.after,
    limit: page.limit + 1,
  });
  const users = await context.loaders.user.loadMany(rows.map((row) => row.userId));
  const holders = rows.map((row, index) => ({
    login: row.login,
    user: users[index],
    via: row.paths.map((path) => accessPath(path, permission)),
  }));
  return connection(
    holders,
    page,
    (holder: { login: HolderRow['login'] }) => holder.login,
    () => context.loaders[`${type}HolderCount`].load({ parentId: resourceId, filter: permission }),
  );
}

/**
 * `peopleWithAccess` on organizations, repositories and issues: everyone who holds a permission
 * there and every path that gives it, complete and paged by login. The schema checks who may ask
 * on organizations and repositories; on an issue, it is those who manage roles on its repository.
 * `accessOf` on organizations: what one person holds there, from the same SQL (manage_members, or oneself);
 * `access` on users: the same for oneself across organizations, whether one can see them or not.
 */
export const peopleWithAccessResolvers = {
  Organization: {
    accessOf: async (organization: { id: string }, args: PageArgs & { userId: string }, context: RequestContext) => {
      const { viewer, authorizer } = requireViewer(context);
      const userId = requireUuid(args.userId, 'userId');
      if (userId !== viewer.id) await authorizer.authorize('manage_members:organization', 'organization', organization.id);
      const page = pageRequest(args);
      const key = { parentId: organization.id, filter: userId };
      const rows = await context.loaders.heldInOrganizationPages.load({ ...key, after: page.after, limit: page.limit + 1 });
      return connection(
        rows.map((row) => ({ sortKey: row.sortKey, ...resourceAccess(row) })),
        page,
        (row) => row.sortKey,
        () => context.loaders.heldInOrganizationCount.load(key),
      );
    },
    peopleWithAccess: (organization: { id: string }, args: PageArgs & { permission: string }, context: RequestContext) =>
      peopleWithAccess(context, 'organization', organization.id, args),
  },
  User: {
    // Only on oneself: anyone else's is empty, like the other lists of the viewer's own.
    access: async (user: { id: string }, args: PageArgs, context: RequestContext) => {
      const { viewer } = requireViewer(context);
      const page = pageRequest(args);
      if (user.id !== viewer.id)
        return connection(
          [],
          page,
          () => '',
          async () => 0,
        );
      const key = { parentId: user.id, filter: '' };
      const rows = await context.loaders.heldByUserPages.load({ ...key, after: page.after, limit: page.limit + 1 });
      return connection(
        rows.map((row) => ({ listKey: row.listKey, ...resourceAccess(row) })),
        page,
        (row) => row.listKey,
        () => context.loaders.heldByUserCount.load(key),
      );
    },
  },
  Repository: {
    peopleWithAccess: (repository: { id: string }, args: PageArgs & { permission: string }, context: RequestContext) =>
      peopleWithAccess(context, 'repository', repository.id, args),
  },
  Issue: {
    peopleWithAccess: async (issue: IssueRead, args: PageArgs & { permission: string }, context: RequestContext) => {
      const { authorizer } = requireViewer(context);
      await authorizer.authorize('manage_roles:repository', 'repository', issue.repository.id);
      return peopleWithAccess(context, 'issue', issue.id, args);
    },
  },
};
