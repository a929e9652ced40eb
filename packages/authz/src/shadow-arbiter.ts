import type { Check, CheckSite } from './check.js';
import type { Decision } from './decision.js';
import type { Viewer } from './viewer.js';
import { explainDenial } from './explain.js';
import { andThen, type MaybePromise } from './maybe-promise.js';

/** Who has the final say: the new decision (`enforce`), the legacy one with both compared (`shadow`), or only the legacy one (`legacy`). */
export type AuthorizationMode = 'enforce' | 'shadow' | 'legacy';

/** One case where the legacy system and the new one decided differently. */
export interface Disagreement extends Check, CheckSite {
  readonly userId: string;
  readonly legacyAllowed: boolean;
  readonly newAllowed: boolean;
  /** Why the new decision went the way it did. */
  readonly explanation: unknown;
}

/** What the application supplies for a rollout from a legacy permission system. */
export interface RolloutOptions<TViewer extends Viewer = Viewer> {
  readonly mode: AuthorizationMode;
  /** In shadow mode: whether this viewer is already in an enforced cohort (the new decision is final). */
  isEnforced(viewer: TViewer): boolean;
  /** The legacy system's answer; expected to batch its own lookups. */
  legacyAllows(viewer: TViewer, permission: string, resourceType: string, resourceId: string): Promise<boolean>;
  /** Stores a disagreement; must return at once (buffered, off the hot path). */
  record(disagreement: Disagreement): void;
}

/**
 * Per request: turns the new decision into the final one under the rollout mode, and records
 * every disagreement once per request. Shadow mode enforces the legacy answer (so it never
 * changes a response) except for enforced cohorts.
 */
export class ShadowArbiter<TViewer extends Viewer = Viewer> {
  readonly #recorded = new Set<string>();

  constructor(
    private readonly options: RolloutOptions<TViewer>,
    private readonly viewer: TViewer,
    private readonly visibilityPermissionOf: (resourceType: string) => string | undefined,
  ) {}

  /** The final decision for one check. */
  arbitrate(decision: Decision, check: Check, site: CheckSite): MaybePromise<Decision> {
    const { mode } = this.options;
    if (mode === 'enforce') return decision;
    const enforced = mode === 'shadow' && this.options.isEnforced(this.viewer);
    return andThen(this.#legacyDecision(check), (legacy) => {
      if (mode === 'shadow') this.#compare(decision, legacy, check, site);
      return enforced ? decision : legacy;
    });
  }

  async #legacyDecision(check: Check): Promise<Decision> {
    const allows = (permission: string) => this.options.legacyAllows(this.viewer, permission, check.resourceType, check.resourceId);
    if (await allows(check.permission)) return { outcome: 'allow', grant: { via: 'legacy', permissions: new Set([check.permission]) } };
    const visibility = this.visibilityPermissionOf(check.resourceType);
    const visible = !visibility || (visibility !== check.permission && (await allows(visibility)));
    return visible ? { outcome: 'forbidden', held: [] } : { outcome: 'not_found' };
  }

  #compare(decision: Decision, legacy: Decision, check: Check, site: CheckSite): void {
    const newAllowed = decision.outcome === 'allow';
    const legacyAllowed = legacy.outcome === 'allow';
    if (newAllowed === legacyAllowed) return;
    const key = `${site.coordinate}|${check.permission}|${check.resourceType}|${check.resourceId}`;
    if (this.#recorded.has(key)) return;
    this.#recorded.add(key);
    this.options.record({
      ...check,
      ...site,
      userId: this.viewer.id,
      legacyAllowed,
      newAllowed,
      explanation:
        decision.outcome === 'allow'
          ? { allowedBy: { role: decision.grant.role ?? null, via: decision.grant.via } }
          : decision.outcome === 'forbidden'
            ? explainDenial(check.permission, decision.held)
            : { reason: `No role or grant lets the user see this ${check.resourceType}.` },
    });
  }
}
