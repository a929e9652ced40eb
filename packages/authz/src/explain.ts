import type { AccessGrant } from './viewer-access.js';

/** A grant as an explanation shows it. */
export interface ExplainedGrant {
  readonly role: string | null;
  readonly via: string;
  readonly permissions: readonly string[];
}

/** What a denied viewer holds on the resource, and why none of it is enough. */
export function explainDenial(permission: string, held: readonly AccessGrant[]): { reason: string; held: ExplainedGrant[] } {
  return {
    reason:
      held.length === 0
        ? `No role or grant applies to this resource, so "${permission}" is not held.`
        : `None of the roles or grants held here includes "${permission}".`,
    held: held.map(explainGrant),
  };
}

/** A grant in plain data. */
export function explainGrant(grant: AccessGrant): ExplainedGrant {
  return { role: grant.role ?? null, via: grant.via, permissions: [...grant.permissions].sort() };
}
