import type { CheckSite, Decision } from '@rolegate/authz';
import type { DecisionCounts, Metrics } from './metrics.js';

/**
 * One request's authorization decisions, counted as they are made (a list of 100 objects makes
 * hundreds), and added to `rolegate_authz_decisions_total` once, when the response is sent.
 */
export class DecisionTally {
  /** Counts by coordinate: no key built per decision (a string each was a measurable share of a list's time). */
  readonly #counts = new Map<string, DecisionCounts>();
  /** The last site counted and its counts: a list's items are decided at one site, one after another. */
  #lastSite: CheckSite | undefined;
  #lastCounts: DecisionCounts | undefined;

  /** Counts one decision at its coordinate (the authorizer's `onDecision`). */
  readonly record = (decision: Decision, site: CheckSite): void => {
    let counts = site === this.#lastSite ? this.#lastCounts : this.#counts.get(site.coordinate);
    if (!counts) this.#counts.set(site.coordinate, (counts = { allow: 0, forbidden: 0, not_found: 0 }));
    this.#lastSite = site;
    this.#lastCounts = counts;
    counts[decision.outcome]++;
  };

  /** Adds the counts to the metrics and starts again. */
  flushTo(metrics: Metrics): void {
    for (const [coordinate, counts] of this.#counts) metrics.addDecisions(coordinate, counts);
    this.#counts.clear();
    this.#lastSite = undefined;
    this.#lastCounts = undefined;
  }
}
