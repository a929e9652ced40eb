import type { AccessSource } from '../../authz/index.js';
import type { AuthenticatedViewer } from '../../auth/viewer.js';
import type { EntityManager } from '../../db/database.js';
import { issueAccessSource } from './issue-access.js';
import { organizationAccessSource } from './organization-access.js';
import { repositoryAccessSource } from './repository-access.js';
import { userAccessSource } from './user-access.js';

/** Every GitClub access source, keyed by resource type, for the per-request authorizer. */
export function gitClubAccessSources(em: () => EntityManager): ReadonlyMap<string, AccessSource<AuthenticatedViewer>> {
  const sources = [organizationAccessSource(em), repositoryAccessSource(em), issueAccessSource(em), userAccessSource()];
  return new Map(sources.map((source) => [source.resourceType, source]));
}
