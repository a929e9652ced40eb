import type { CheckSite, Decision } from '@rolegate/authz';
import type { Metrics } from './metrics.js';

/**
 * One request's authorization decisions, counted in a map as they are made (a list of 100 objects
 * makes hundreds), and added to `rolegate_authz_decisions_total` once, when the response is sent.
 */
export class DecisionTally {
  readonly #counts = new Map<string, number>();

  /** Counts one decision at its coordinate (the authorizer's `onDecision`). */
  readonly record = (decision: Decision, site: CheckSite): void => {
    const key = `${decision.outcome} ${site.coordinate}`;
    this.#counts.set(key, (this.#counts.get(key) ?? 0) + 1);
  };

  /** Adds the counts to the metrics and starts again. */
  flushTo(metrics: Metrics): void {
    for (const [key, count] of this.#counts) {
      const space = key.indexOf(' ');
      metrics.authzDecisions.inc({ outcome: key.slice(0, space), coordinate: key.slice(space + 1) }, count);
    }
    this.#counts.clear();
  }
}
