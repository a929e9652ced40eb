import type { Check, Denial } from './check.js';
import type { Decision } from './decision.js';
import { forbiddenError, notFoundError } from './errors.js';
import { explainDenial } from './explain.js';

/**
 * Turns a denial into the error a client sees: NOT_FOUND when invisible, FORBIDDEN otherwise,
 * after telling `onDenied` (made at `coordinate`). With `explain`, FORBIDDEN carries what the
 * viewer does hold there (debugging only: it tells the client about roles).
 */
export function enforce(decision: Decision, check: Check, coordinate: string, onDenied?: (denial: Denial) => void, explain = false): void {
  if (decision.outcome === 'allow') return;
  onDenied?.({ coordinate, ...check, outcome: decision.outcome });
  if (decision.outcome === 'not_found') throw notFoundError();
  throw forbiddenError(
    check.permission,
    check.resourceType,
    check.resourceId,
    explain ? explainDenial(check.permission, decision.held) : undefined,
  );
}
