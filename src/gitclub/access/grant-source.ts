import type { AccessGrant } from '@rolegate/authz';
import type { organizationOwnerRole } from '../policy/policy.js';

/**
 * How a GitClub grant is held: the `via` of every grant the domain builds. Explanations
 * (`describeGrant`) must say something for each, which the typecheck holds.
 */
export type GrantSource =
  | 'membership'
  | 'explicit'
  | 'default-role'
  | `organization-${typeof organizationOwnerRole}`
  | 'grant'
  | 'author'
  | 'repository:read'
  | 'repository:manage_issues'
  | 'self'
  | 'platform'
  | 'legacy';

/** A grant held through one of the domain's sources. */
export function heldVia(via: GrantSource, permissions: ReadonlySet<string>, role?: string): AccessGrant {
  return role === undefined ? { via, permissions } : { role, via, permissions };
}
