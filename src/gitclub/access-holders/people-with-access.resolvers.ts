import { requireViewer, type RequestContext } from '../context.js';
import type { GrantSource } from '../access/grant-source.js';
import { describeGrant } from '../explain/describe-grant.js';
import { connection, pageRequest, type PageArgs } from '../pagination.js';
import type { IssueRead } from '../read-models.js';
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
 */
export const peopleWithAccessResolvers = {
  Organization: {
    peopleWithAccess: (organization: { id: string }, args: PageArgs & { permission: string }, context: RequestContext) =>
      peopleWithAccess(context, 'organization', organization.id, args),
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
