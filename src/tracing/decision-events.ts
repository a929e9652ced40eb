import { trace } from '@opentelemetry/api';
import type { Check, CheckSite, Decision } from '@rolegate/authz';

/**
 * Adds an authorization decision to the active span (the field's resolver span, or the request's)
 * as an `authz.decision` event: outcome, schema coordinate, permission, resource, and for an allow
 * the role and how it is held. Names and ids only; the authorizer's `onDecision` when tracing is on.
 */
export function recordDecisionEvent(decision: Decision, site: CheckSite, check: Check): void {
  const span = trace.getActiveSpan();
  if (!span?.isRecording()) return;
  span.addEvent('authz.decision', {
    'authz.outcome': decision.outcome,
    'authz.coordinate': site.coordinate,
    'authz.permission': check.permission,
    'authz.resource.type': check.resourceType,
    'authz.resource.id': check.resourceId,
    ...(decision.outcome === 'allow'
      ? { 'authz.via': decision.grant.via, ...(decision.grant.role ? { 'authz.role': decision.grant.role } : {}) }
      : {}),
  });
}
