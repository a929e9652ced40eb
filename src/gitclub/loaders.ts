import type { AuthenticatedViewer } from '../auth/viewer.js';
import type { EntityManager } from '../db/database.js';
import { accessHolderLoaders, type AccessHolderLoaders } from './access-holders/access-holder-loaders.js';
import { heldByUserLoaders, type HeldByUserLoaders } from './access-holders/held-by-user.js';
import { heldInOrganizationLoaders, type HeldInOrganizationLoaders } from './access-holders/held-in-organization.js';
import { accessRequestLoaders, type AccessRequestLoaders } from './access-request/access-request-loaders.js';
import { accessReviewLoaders, type AccessReviewLoaders } from './access-review/access-review-loaders.js';
import { auditLoaders, type AuditLoaders } from './audit/audit-loaders.js';
import { byIds } from './batch-loaders.js';
import { observedBatch, type BatchSizeObserver, type BatchWrapper } from './batch-sizes.js';
import { governanceLoaders, type GovernanceLoaders } from './governance/governance-loaders.js';
import { grantLoaders, type GrantLoaders } from './grant/grant-loaders.js';
import { issueLoaders, type IssueLoaders } from './issue/issue-loaders.js';
import { organizationLoaders, type OrganizationLoaders } from './organization/organization-loaders.js';
import type { PageRequest } from './pagination.js';
import { repositoryLoaders, type RepositoryLoaders, type ViewerRepositoriesPage } from './repository/repository-loaders.js';
import { roleLoaders, type RoleLoaders } from './role/role-loaders.js';
import { userLoaders, type UserLoaders } from './user/user-loaders.js';

/** Where fields and lists have always found them: `roleKey` for `roleByName`, the page `viewerRepositories` loads. */
export { roleKey } from './role/role-loaders.js';
export type { ViewerRepositoriesPage } from './repository/repository-loaders.js';

/**
 * Per-request batch loaders: the objects fields point at (authors, organizations, roles) and the
 * lists under a parent (pages and counts, memberships, custom roles, grants, role reports), each
 * one statement (or a handful) per batch, whatever the number of parents. Each area keeps its own
 * loaders, and their SQL, next to its resolvers; this is where they meet.
 */
export interface Loaders
  extends
    UserLoaders,
    OrganizationLoaders,
    RoleLoaders,
    RepositoryLoaders,
    IssueLoaders,
    AuditLoaders,
    GrantLoaders,
    GovernanceLoaders,
    AccessRequestLoaders,
    AccessReviewLoaders,
    AccessHolderLoaders,
    HeldInOrganizationLoaders,
    HeldByUserLoaders {}

/** Forgets what a request's loaders hold: after a change, so that the rest of the response reflects it. */
export function forgetLoaded(loaders: Loaders): void {
  for (const loader of Object.values(loaders)) loader.clearAll();
}

/** Fresh loaders for one request. */
export function createLoaders(
  em: EntityManager,
  viewer?: AuthenticatedViewer | null,
  /** Reads one page of the viewer's repositories (it needs the whole request context: see readable-repositories.ts). */
  viewerRepositoryPage: (page: PageRequest) => Promise<ViewerRepositoriesPage> = () => Promise.reject(new Error('No viewer.')),
  /** Told each loader's batch sizes (the metrics' `rolegate_dataloader_batch_size`), under the loader's name. */
  onBatch?: BatchSizeObserver,
): Loaders {
  const observing =
    (name: keyof Loaders): BatchWrapper =>
    (load) =>
      observedBatch(name, load, onBatch);
  const organizations = organizationLoaders(em, observing);
  const roles = roleLoaders(em, observing);
  return {
    ...organizations,
    ...roles,
    ...userLoaders(em, observing, { organization: organizations.organization, role: roles.role }),
    ...repositoryLoaders(em, observing, viewer, viewerRepositoryPage),
    ...issueLoaders(em, observing),
    ...auditLoaders(em, observing),
    ...grantLoaders(em, observing),
    ...governanceLoaders(em, observing),
    ...accessRequestLoaders(em, observing, byIds),
    ...accessReviewLoaders(em, observing, byIds),
    ...accessHolderLoaders(em, observing),
    ...heldInOrganizationLoaders(em, observing),
    ...heldByUserLoaders(em, observing),
  };
}
