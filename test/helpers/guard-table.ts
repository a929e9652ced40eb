import { expect } from 'vitest';
import type { GraphQLResponse } from './test-server.js';

/** What a guard-table row expects: the change goes through, or a FORBIDDEN refusal with that reason. */
export type GuardOutcome = 'allowed' | 'OWN_ROLE' | 'TARGET_HOLDS_MORE' | 'PRIVILEGE_ESCALATION';

/** What a row's snapshot of the database must hold at least: the organization's audit entry count. */
interface Snapshot {
  readonly auditEntries: number;
}

/**
 * The assertion of every guard-table row: allowed means no error, a payload and at least one new
 * audit entry; a refusal means exactly one FORBIDDEN with the row's reason (naming `missing`
 * permissions, except for OWN_ROLE) and a database exactly as before.
 */
export function expectGuardOutcome<T extends Snapshot>(
  response: GraphQLResponse,
  mutation: string,
  expected: GuardOutcome,
  before: T,
  after: T,
): void {
  if (expected === 'allowed') {
    expect(response.errors).toBeUndefined();
    expect(response.data?.[mutation]).not.toBeNull();
    expect(after.auditEntries).toBeGreaterThan(before.auditEntries);
    return;
  }
  expect(response.errors?.map((error) => [error.extensions?.code, error.extensions?.reason])).toEqual([['FORBIDDEN', expected]]);
  if (expected !== 'OWN_ROLE') expect(response.errors?.[0]?.extensions?.missing).not.toEqual([]);
  expect(after).toEqual(before);
}
