import type { AccessSource } from '@rolegate/authz';
import type { AuthenticatedViewer } from '../../auth/viewer.js';
import type { EntityManager } from '../../db/database.js';
import type { ResourceType } from '../policy/policy.js';
import { resourceTypes } from '../resources.js';
import type { AccessHooks } from './access-hooks.js';
import type { AccessLoader } from './access-loader.js';
import { issueAccessSource } from './issue-access.js';
import { organizationAccessSource } from './organization-access.js';
import { platformAccessSource } from './platform-access.js';
import { repositoryAccessSource } from './repository-access.js';
import { userAccessSource } from './user-access.js';

/** How each resource type's access is loaded: a resource type missing here fails the typecheck. */
const accessSourceFactories: Record<ResourceType, (em: () => EntityManager, hooks: AccessHooks) => AccessLoader> = {
  organization: organizationAccessSource,
  repository: repositoryAccessSource,
  issue: issueAccessSource,
  user: userAccessSource,
  platform: platformAccessSource,
};

/** Every GitClub access source, keyed by resource type, for the per-request authorizer. */
export function gitClubAccessSources(em: () => EntityManager, hooks: AccessHooks): ReadonlyMap<string, AccessSource<AuthenticatedViewer>> {
  return new Map(
    (Object.keys(accessSourceFactories) as ResourceType[]).map((type) => {
      const { loadAccess } = accessSourceFactories[type](em, hooks);
      const source: AccessSource<AuthenticatedViewer> = {
        resourceType: type,
        visibilityPermission: resourceTypes[type].visibility ?? undefined,
        loadAccess,
      };
      return [type, source];
    }),
  );
}
