import type { AccessSource } from '@rolegate/authz';
import type { AuthenticatedViewer } from '../../auth/viewer.js';
import type { EntityManager } from '../../db/database.js';
import type { AccessHooks } from './access-hooks.js';
import { issueAccessSource } from './issue-access.js';
import { organizationAccessSource } from './organization-access.js';
import { platformAccessSource } from './platform-access.js';
import { repositoryAccessSource } from './repository-access.js';
import { userAccessSource } from './user-access.js';

/** Every GitClub access source, keyed by resource type, for the per-request authorizer. */
export function gitClubAccessSources(em: () => EntityManager, hooks: AccessHooks): ReadonlyMap<string, AccessSource<AuthenticatedViewer>> {
  const sources = [
    organizationAccessSource(em, hooks),
    repositoryAccessSource(em, hooks),
    issueAccessSource(em),
    userAccessSource(),
    platformAccessSource(em),
  ];
  return new Map(sources.map((source) => [source.resourceType, source]));
}
