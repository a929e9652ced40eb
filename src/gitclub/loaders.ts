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
  if (loaders instanceof RequestLoaders) loaders.forget();
  else for (const loader of Object.values(loaders)) loader.clearAll();
}

/** What every group of loaders is made from: the request's entity manager, viewer and batch observer. */
interface LoaderScope {
  readonly em: EntityManager;
  readonly viewer: AuthenticatedViewer | null | undefined;
  readonly viewerRepositoryPage: (page: PageRequest) => Promise<ViewerRepositoriesPage>;
  readonly observing: (name: keyof Loaders) => BatchWrapper;
}

/**
 * The groups of loaders, each area's own. A group may take loaders of another from `loaders` (the
 * request's, read when it loads, so no group is made before it is used).
 */
const loaderGroups: readonly ((scope: LoaderScope, loaders: Loaders) => Partial<Loaders>)[] = [
  ({ em, observing }) => organizationLoaders(em, observing),
  ({ em, observing }) => roleLoaders(em, observing),
  ({ em, observing }, loaders) => userLoaders(em, observing, loaders),
  ({ em, observing, viewer, viewerRepositoryPage }) => repositoryLoaders(em, observing, viewer, viewerRepositoryPage),
  ({ em, observing }) => issueLoaders(em, observing),
  ({ em, observing }) => auditLoaders(em, observing),
  ({ em, observing }) => grantLoaders(em, observing),
  ({ em, observing }) => governanceLoaders(em, observing),
  ({ em, observing }) => accessRequestLoaders(em, observing, byIds),
  ({ em, observing }) => accessReviewLoaders(em, observing, byIds),
  ({ em, observing }) => accessHolderLoaders(em, observing),
  ({ em, observing }) => heldInOrganizationLoaders(em, observing),
  ({ em, observing }) => heldByUserLoaders(em, observing),
];

/**
 * One request's loaders, each group made when one of its loaders is first read: a request uses a
 * few of the groups, and making all of them (some sixty loaders, each with its cache) was a
 * measurable share of a short request and of what it allocates. A loader read twice is the same
 * loader; the properties are getters on the prototype, defined once per process (`loaderGetters`).
 */
class RequestLoaders {
  readonly #scope: LoaderScope;
  readonly #groups: (Partial<Loaders> | undefined)[] = [];

  constructor(scope: LoaderScope) {
    this.#scope = scope;
  }

  /** The group at `index`, made on first use. */
  groupAt(index: number): Partial<Loaders> {
    let group = this.#groups[index];
    if (!group) this.#groups[index] = group = loaderGroups[index]!(this.#scope, this as unknown as Loaders);
    return group;
  }

  /** Clears every loader made so far (those not made yet hold nothing). */
  forget(): void {
    for (const group of this.#groups) if (group) for (const loader of Object.values(group)) loader.clearAll();
  }
}

let loaderGetters = false;

/**
 * Defines a getter on `RequestLoaders` for each loader, naming the group that makes it. Which
 * loaders a group makes is read from the groups themselves, made once for nothing (making a loader
 * reads nothing), so a loader added to a group needs no list kept here.
 */
function defineLoaderGetters(scope: LoaderScope): void {
  if (loaderGetters) return;
  const unused = {} as Loaders;
  loaderGroups.forEach((makeGroup, index) => {
    for (const name of Object.keys(makeGroup(scope, unused))) {
      Object.defineProperty(RequestLoaders.prototype, name, {
        get(this: RequestLoaders) {
          return this.groupAt(index)[name as keyof Loaders];
        },
        enumerable: true,
      });
    }
  });
  loaderGetters = true;
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
  const scope: LoaderScope = { em, viewer, viewerRepositoryPage, observing: (name) => (load) => observedBatch(name, load, onBatch) };
  defineLoaderGetters(scope);
  return new RequestLoaders(scope) as unknown as Loaders;
}
