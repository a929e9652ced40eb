import { createHash } from 'node:crypto';

/** Who is already enforced in shadow mode: an allow-list (internal users first), then a stable percentage. */
export interface Cohorts {
  readonly enforcedUserIds: ReadonlySet<string>;
  readonly enforcedPercent: number;
}

/**
 * A user's bucket, from 0 to 100 (exclusive), from a hash of their id: stable across restarts and
 * instances, so the users in at 5% stay in at 25% (the sets are nested).
 */
export function cohortBucket(userId: string): number {
  const digest = createHash('sha256').update(userId).digest();
  return (digest.readUInt32BE(0) / 2 ** 32) * 100;
}

/** Whether the new decision is already final for this user. */
export function isEnforced(cohorts: Cohorts, userId: string): boolean {
  return cohorts.enforcedUserIds.has(userId) || cohortBucket(userId) < cohorts.enforcedPercent;
}
