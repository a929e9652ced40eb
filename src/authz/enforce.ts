import type { Decision } from './decide.js';
import { forbiddenError, notFoundError } from './errors.js';
import { explainDenial } from './explain.js';

/** What was refused, for logs and metrics. */
export interface Denial {
  readonly permission: string;
  readonly resourceType: string;
  readonly resourceId: string;
  readonly outcome: 'not_found' | 'forbidden';
}

/** A check to run: which permission on which resource. */
export interface Check {
  readonly permission: string;
  readonly resourceType: string;
  readonly resourceId: string;
}

/**
 * Turns a denial into the error a client sees: NOT_FOUND when invisible, FORBIDDEN otherwise.
 * With `explain`, FORBIDDEN carries what the viewer does hold there (debugging only: it tells
 * the client about roles).
 */
export function enforce(decision: Decision, check: Check, onDenied?: (denial: Denial) => void, explain = false): void {
  if (decision.outcome === 'allow') return;
  onDenied?.({ ...check, outcome: decision.outcome });
  if (decision.outcome === 'not_found') throw notFoundError(check.resourceType, check.resourceId);
  throw forbiddenError(check.permission, check.resourceType, check.resourceId, explain ? explainDenial(check.permission, decision.held) : undefined);
}
