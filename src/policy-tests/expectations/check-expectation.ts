import type { AccessGrant } from '@rolegate/authz';
import { describeGrant } from '../../gitclub/explain/describe-grant.js';
import { permissionCatalog, type ResourceType } from '../../gitclub/policy/policy.js';
import type { CheckSpec } from '../format/policy-test-format.js';
import type { ExpectationOutcome, ExpectationScope } from './expectation-result.js';

/**
 * A `check`: the decision for a user on a resource, made as `explainAccess` makes it (the request's
 * `authorizerFor` that user, deciding with their roles and grants from the database). `deny` holds
 * for either refusal; `forbidden` and `not_found` only for that one.
 */
export async function runCheck(spec: CheckSpec, { api, ids }: ExpectationScope): Promise<ExpectationOutcome> {
  if (!permissionCatalog.has(spec.permission)) throw new Error(`Unknown permission "${spec.permission}".`);
  const type = permissionCatalog.resourceTypeOf(spec.permission) as ResourceType;
  const context = await api.contextAs(null);
  const decision = await context
    .authorizerFor(api.subject(ids.idOf('user', spec.user)))
    .evaluate(spec.permission, type, ids.idOf(type, spec.resource));
  const passed = spec.expect === decision.outcome || (spec.expect === 'deny' && decision.outcome !== 'allow');
  const reason =
    decision.outcome === 'allow'
      ? describeGrant(decision.grant, spec.permission)
      : decision.outcome === 'forbidden'
        ? `sees it; holds ${held(decision.held)}`
        : 'cannot see it';
  return { passed, actual: decision.outcome, rows: [{ expected: spec.expect, actual: `${decision.outcome}: ${reason}` }] };
}

/** What a refused user holds on the resource, briefly: `default-role contributor, author`. */
function held(grants: readonly AccessGrant[]): string {
  return grants.length === 0 ? 'nothing' : grants.map((grant) => [grant.via, grant.role].filter(Boolean).join(' ')).join(', ');
}
