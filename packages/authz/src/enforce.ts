import type { Decision } from './decide.js';
import { forbiddenError, notFoundError } from './errors.js';
import { explainDenial } from './explain.js';

/** What was refused and where, for logs and metrics. */
export interface Denial {
  /** The schema coordinate whose check refused (`Repository.readme`), or `resolver:<permission>` for a resolver's own check. */
  readonly coordinate: string;
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
 * Turns a denial into the error a client sees: NOT_FOUND when invisible, FORBIDDEN otherwise,
 * after telling `onDenied` (made at `coordinate`). With `explain`, FORBIDDEN carries what the
 * viewer does hold there (debugging only: it tells the client about roles).
 */
export function enforce(decision: Decision, check: Check, coordinate: string, onDenied?: (denial: Denial) => void, explain = false): void {
  if (decision.outcome === 'allow') return;
  onDenied?.({ coordinate, ...check, outcome: decision.outcome });
  if (decision.outcome === 'not_found') throw notFoundError();
  throw forbiddenError(check.permission, check.resourceType, check.resourceId, explain ? explainDenial(check.permission, decision.held) : undefined);
}
