import type { SqlCondition } from '../child-pages.js';
import { requireViewer, type RequestContext } from '../context.js';
import { legacyRepositoriesFilter } from '../legacy/legacy-decider.js';
import { readableRepositoriesFilter } from '../policy/repository-roles.js';

/**
 * `read:repository` over one organization's repositories (`r` joined to `o`) for the viewer: the
 * repository role rules with the viewer's role there (platform support reads every one), or the
 * legacy system's condition where it has the final say. What lists of repositories, and of
 * anything that names one, filter on in SQL.
 */
export async function readableRepositoriesIn(context: RequestContext, organizationId: string): Promise<SqlCondition> {
  const { viewer, authorizer } = requireViewer(context);
  const { rollout } = context;
  if (rollout.legacyDecides && rollout.mapping) return legacyRepositoriesFilter(viewer.id, rollout.mapping, 'read:repository');
  const access = await authorizer.access('organization', organizationId);
  const role = access?.grants.find((grant) => grant.role)?.role;
  const supported = access?.grants.some((grant) => grant.via === 'platform') ?? false;
  return readableRepositoriesFilter(viewer.id, role, 'read:repository', supported);
}
