import type { HolderPathsSql } from './holder-paths.js';
import { issueHolderPaths } from './issue-holder-paths.js';
import { organizationHolderPaths } from './organization-holder-paths.js';
import { repositoryHolderPaths } from './repository-holder-paths.js';

/** The resource types whose holders can be listed: those of an organization. */
export const heldResourceTypes = ['organization', 'repository', 'issue'] as const;
/** A resource type whose holders can be listed. */
export type HeldResourceType = (typeof heldResourceTypes)[number];

/** How the paths of each type are found in SQL. */
export const holderPathsOf: Record<HeldResourceType, HolderPathsSql> = {
  organization: organizationHolderPaths,
  repository: repositoryHolderPaths,
  issue: issueHolderPaths,
};
