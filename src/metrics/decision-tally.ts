import type { CheckSite, Decision } from '@rolegate/authz';
import type { Metrics } from './metrics.js';

/**
 * One request's authorization decisions, counted in a map as they are made (a list of 100 objects
 * makes hundreds), and added to `rolegate_authz_decisions_total` once, when the response is sent.
 */
export class DecisionTally {
  /** Counts by coordinate, then outcome: no key built per decision (a string each was a measurable share of a list's time). */
  readonly #counts = new Map<string, Map<string, number>>();

  /** Counts one decision at its coordinate (the authorizer's `onDecision`). */
  readonly record = (decision: Decision, site: CheckSite): void => {
    let byOutcome = this.#counts.get(site.coordinate);
    if (!byOutcome) this.#counts.set(site.coordinate, (byOutcome = new Map()));
    byOutcome.set(decision.outcome, (byOutcome.get(decision.outcome) ?? 0) + 1);
  };

  /** Adds the counts to the metrics and starts again. */
  flushTo(metrics: Metrics): void {
    for (const [coordinate, byOutcome] of this.#counts) {
      for (const [outcome, count] of byOutcome) metrics.authzDecisions.inc({ outcome, coordinate }, count);
    }
    this.#counts.clear();
  }
}
