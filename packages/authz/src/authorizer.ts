import DataLoader from 'dataloader';
import type { AccessLookup } from './access-lookup.js';
import type { AccessSource } from './access-source.js';
import type { Check, CheckSite, Denial } from './check.js';
import { decide } from './decide.js';
import type { Decision } from './decision.js';
import { enforce } from './enforce.js';
import { all, andThen, type MaybePromise } from './maybe-promise.js';
import type { Viewer } from './viewer.js';
import type { ViewerAccess } from './viewer-access.js';

/** Has the last word on a decision (a rollout from a legacy system, see `ShadowArbiter`). */
export interface DecisionArbiter {
  arbitrate(decision: Decision, check: Check, site: CheckSite): MaybePromise<Decision>;
}

/**
 * The resource type a permission named `action:resourceType` applies to (`string` for a name of
 * no known shape), so that a check naming a permission of one type on a resource of another fails
 * the typecheck.
 */
export type ResourceTypeOf<TPermission extends string> = TPermission extends `${string}:${infer TResourceType}` ? TResourceType : string;

/** What one request's authorizer is made of. */
export interface AuthorizerOptions<TViewer extends Viewer = Viewer> {
  readonly viewer: TViewer;
  /** One access source per resource type. */
  readonly sources: ReadonlyMap<string, AccessSource<TViewer>>;
  /** Put what the viewer holds into FORBIDDEN errors (debugging only: it tells the client about roles). */
  readonly explainDenials?: boolean;
  /** The final say over each decision; absent means the decision is final. */
  readonly arbiter?: DecisionArbiter;
  /** Told about every denial of `authorize` (for logs); the schema transform reports its own. Must not throw. */
  readonly onDenied?: (denial: Denial) => void;
  /**
   * Told about every final decision, where it was made and what was checked (for metrics and
   * traces). Runs for every protected field of every object, so it must be cheap, and it must not throw.
   */
  readonly onDecision?: (decision: Decision, site: CheckSite, check: Check) => void;
  /** Told the size of every batch an access source loads (for metrics). Must not throw. */
  readonly onBatch?: (resourceType: string, size: number) => void;
}

/**
 * The per-request authorization state of one viewer: a DataLoader per resource type and the
 * access already resolved. Create one per request; it dies with the request.
 *
 * `TPermission` narrows the permissions resolvers may name to the application's catalog (see
 * `PermissionNameOf`): a typo in a literal then fails the typecheck.
 *
 * Note: once a resource's access is resolved, `evaluate` answers synchronously, so further
 * protected fields on the same object cost neither a query nor a promise.
 */
export class Authorizer<TViewer extends Viewer = Viewer, TPermission extends string = string> implements AccessLookup {
  readonly viewer: TViewer;
  readonly explainDenials: boolean;
  readonly #sources: ReadonlyMap<string, AccessSource<TViewer>>;
  readonly #loaders = new Map<string, DataLoader<string, ViewerAccess | null>>();
  /** Access resolved in this request, by resource type, then id (no key string built per check). */
  readonly #resolved = new Map<string, Map<string, ViewerAccess | null>>();
  readonly #arbiter: DecisionArbiter | undefined;
  readonly #onDenied: ((denial: Denial) => void) | undefined;
  readonly #onDecision: ((decision: Decision, site: CheckSite, check: Check) => void) | undefined;
  readonly #onBatch: ((resourceType: string, size: number) => void) | undefined;

  constructor(options: AuthorizerOptions<TViewer>) {
    this.viewer = options.viewer;
    this.explainDenials = options.explainDenials ?? false;
    this.#sources = options.sources;
    this.#arbiter = options.arbiter;
    this.#onDenied = options.onDenied;
    this.#onDecision = options.onDecision;
    this.#onBatch = options.onBatch;
  }

  /**
   * The final decision for a check made at a schema coordinate: the new decision, or what the
   * arbiter makes of it. Synchronous when it can be.
   */
  decideAt(check: Check, site: CheckSite): Decision | Promise<Decision> {
    const decision = this.#evaluate(check.permission, check.resourceType, check.resourceId);
    const arbiter = this.#arbiter;
    const final = arbiter ? andThen(decision, (resolved) => arbiter.arbitrate(resolved, check, site)) : decision;
    const onDecision = this.#onDecision;
    if (!onDecision) return final;
    // The synchronous path (access already resolved: every item of a primed list) allocates nothing more.
    if (!(final instanceof Promise)) {
      onDecision(final, site, check);
      return final;
    }
    return final.then((resolved) => {
      onDecision(resolved, site, check);
      return resolved;
    });
  }

  /**
   * The final decisions for one permission on many resources of one type, checked at one site (the
   * items of a list), in their order: what `decideAt` gives for each, told to `onDecision` alike.
   * The type's lookups are made once for the list, and items whose access is shared (a page of
   * repositories held through one organization role) share one decision instead of each deciding
   * anew. Synchronous when every item's access is known (a list primed from its SQL); otherwise the
   * unknown ones are loaded in one batch.
   */
  decideEachAt(permission: string, resourceType: string, resourceIds: readonly string[], site: CheckSite): MaybePromise<Decision[]> {
    if (this.#arbiter) {
      return all(resourceIds.map((resourceId) => this.decideAt({ permission, resourceType, resourceId }, site)));
    }
    const visibility = this.#source(resourceType).visibilityPermission;
    const resolved = this.#resolved.get(resourceType);
    const decisions: Decision[] = new Array<Decision>(resourceIds.length);
    let unknown: number[] | undefined;
    let lastAccess: ViewerAccess | null | undefined;
    let lastDecision: Decision | undefined;
    for (let index = 0; index < resourceIds.length; index++) {
      const access = resolved?.get(resourceIds[index] as string);
      if (access === undefined) {
        (unknown ??= []).push(index);
        continue;
      }
      // Access primed from one shared set of grants decides alike: only its resource id differs.
      if (!lastDecision || !access || !lastAccess || access.grants !== lastAccess.grants || access.permissions !== lastAccess.permissions) {
        lastDecision = decide(access, permission, visibility);
        lastAccess = access;
      }
      decisions[index] = lastDecision;
    }
    if (!unknown) {
      this.#observeEach(decisions, permission, resourceType, resourceIds, site);
      return decisions;
    }
    const loading = unknown;
    return Promise.all(loading.map((index) => this.access(resourceType, resourceIds[index] as string))).then((accesses) => {
      accesses.forEach((access, position) => {
        decisions[loading[position] as number] = decide(access, permission, visibility);
      });
      this.#observeEach(decisions, permission, resourceType, resourceIds, site);
      return decisions;
    });
  }

  #observeEach(decisions: readonly Decision[], permission: string, resourceType: string, resourceIds: readonly string[], site: CheckSite) {
    const onDecision = this.#onDecision;
    if (!onDecision) return;
    for (let index = 0; index < decisions.length; index++) {
      onDecision(decisions[index] as Decision, site, { permission, resourceType, resourceId: resourceIds[index] as string });
    }
  }

  /** The access already known for a resource, or undefined when it still has to be loaded. */
  peek(resourceType: string, resourceId: string): ViewerAccess | null | undefined {
    return this.#resolved.get(resourceType)?.get(resourceId);
  }

  /** The viewer's access on one resource; null when it does not exist. Batched per type. */
  access(resourceType: string, resourceId: string): Promise<ViewerAccess | null> {
    const known = this.peek(resourceType, resourceId);
    if (known !== undefined) return Promise.resolve(known);
    return this.#loader(resourceType).load(resourceId);
  }

  /** Decides one permission, synchronously when the access is already resolved. */
  evaluate<P extends TPermission>(permission: P, resourceType: ResourceTypeOf<P>, resourceId: string): Decision | Promise<Decision> {
    return this.#evaluate(permission, resourceType, resourceId);
  }

  #evaluate(permission: string, resourceType: string, resourceId: string): Decision | Promise<Decision> {
    const visibility = this.#source(resourceType).visibilityPermission;
    const known = this.peek(resourceType, resourceId);
    if (known !== undefined) return decide(known, permission, visibility);
    return this.access(resourceType, resourceId).then((access) => decide(access, permission, visibility));
  }

  /** True when the viewer holds `permission` on the resource. */
  async can<P extends TPermission>(permission: P, resourceType: ResourceTypeOf<P>, resourceId: string): Promise<boolean> {
    return (
      (await this.decideAt({ permission, resourceType, resourceId }, { coordinate: `can:${permission}`, operationName: undefined }))
        .outcome === 'allow'
    );
  }

  /**
   * Throws the client-facing error unless the viewer holds `permission`: NOT_FOUND when the
   * resource is invisible to them, FORBIDDEN otherwise. For checks a schema directive cannot
   * express (the resource is found through another, say).
   */
  async authorize<P extends TPermission>(permission: P, resourceType: ResourceTypeOf<P>, resourceId: string): Promise<void> {
    const check = { permission, resourceType, resourceId };
    const coordinate = `resolver:${permission}`;
    enforce(await this.decideAt(check, { coordinate, operationName: undefined }), check, coordinate, this.#onDenied, this.explainDenials);
  }

  /**
   * Records access the application already knows (a list filtered by access in SQL can return
   * each row's access with it), so checks on those resources ask nothing more. Access resolved
   * earlier in the request wins; `forget` drops primed access too.
   */
  prime(resourceType: string, resourceId: string, access: ViewerAccess | null): void {
    // Only here, not in the loader as well: `access` reads what is resolved before it loads anything.
    const resolved = this.#resolvedOf(resourceType);
    if (!resolved.has(resourceId)) resolved.set(resourceId, access);
  }

  /** True when an arbiter (a rollout from a legacy system) has the last word on decisions, which may then read on their own. */
  get hasArbiter(): boolean {
    return this.#arbiter !== undefined;
  }

  /** The permission a resource type needs to be seen at all, if any. */
  visibilityPermissionOf(resourceType: string): string | undefined {
    return this.#source(resourceType).visibilityPermission;
  }

  /**
   * Forgets what this request learnt about access, after a mutation changed it, so the rest of
   * the response reflects the change.
   */
  forget(): void {
    this.#resolved.clear();
    for (const loader of this.#loaders.values()) loader.clearAll();
  }

  #resolvedOf(resourceType: string): Map<string, ViewerAccess | null> {
    let resolved = this.#resolved.get(resourceType);
    if (!resolved) this.#resolved.set(resourceType, (resolved = new Map()));
    return resolved;
  }

  #source(resourceType: string): AccessSource<TViewer> {
    const source = this.#sources.get(resourceType);
    if (!source) throw new Error(`No access source is registered for resource type "${resourceType}".`);
    return source;
  }

  #loader(resourceType: string): DataLoader<string, ViewerAccess | null> {
    let loader = this.#loaders.get(resourceType);
    if (!loader) {
      const source = this.#source(resourceType);
      loader = new DataLoader(async (ids) => {
        this.#onBatch?.(resourceType, ids.length);
        const accesses = await source.loadAccess(ids, this.viewer, this);
        const resolved = this.#resolvedOf(resourceType);
        ids.forEach((id, index) => resolved.set(id, accesses[index] ?? null));
        return accesses;
      });
      this.#loaders.set(resourceType, loader);
    }
    return loader;
  }
}
