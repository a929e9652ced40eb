import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { cohortBucket, isEnforced } from '../../src/gitclub/legacy/cohorts.js';

/** Percentage cohorts: stable (the same user is always in or out) and nested (5% within 25% within 50% within 100%). */
const users = Array.from({ length: 10_000 }, () => randomUUID());
const enforcedAt = (percent: number) =>
  new Set(users.filter((id) => isEnforced({ enforcedUserIds: new Set(), enforcedPercent: percent }, id)));

describe('percentage cohorts', () => {
  const steps = [0, 5, 25, 50, 100];
  it.each(steps.slice(1).map((percent, index) => [steps[index] as number, percent]))(
    'whoever is in at %i% stays in at %i%',
    (smaller, larger) => {
      const inner = enforcedAt(smaller);
      const outer = enforcedAt(larger);
      for (const id of inner) expect(outer.has(id)).toBe(true);
    },
  );

  it.each([[5], [25], [50]])('pick about %i% of users', (percent) => {
    expect(Math.abs(enforcedAt(percent).size / users.length - percent / 100)).toBeLessThan(0.02);
  });

  it('put nobody in at 0% and everybody at 100%', () => {
    expect(enforcedAt(0).size).toBe(0);
    expect(enforcedAt(100).size).toBe(users.length);
  });

  it('are stable: a user keeps their bucket', () => {
    for (const id of users.slice(0, 100)) expect(cohortBucket(id)).toBe(cohortBucket(id));
  });

  it('put allow-listed users in whatever the percentage', () => {
    const [first] = users;
    expect(isEnforced({ enforcedUserIds: new Set([first ?? '']), enforcedPercent: 0 }, first ?? '')).toBe(true);
  });
});
