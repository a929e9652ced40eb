// The console's access reviews without a browser: the due date a day picker gives, the words of a
// review's progress and decisions, which items offer no decision and why, where one review is read
// from, the JSON Lines download, and the progress bar as React renders it.
import { createElement } from 'react';
import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import { dueAtOf, dueDateChoices, localDateOf } from '../../src/console/app/pages/access-review-dates.js';
import { reviewDecisionsFileName, reviewDecisionsJsonLines } from '../../src/console/app/pages/access-review-export.js';
import { reviewAt } from '../../src/console/app/pages/access-review-location.js';
import { ReviewProgress } from '../../src/console/app/pages/access-review-progress.js';
import type { AccessReviewItemShown } from '../../src/console/app/pages/access-review-query.js';
import { decidedMessage, decisionText, progressText, undecidableReason } from '../../src/console/app/pages/access-review-words.js';

describe('the due date: a day in the viewer’s time zone, due at its end', () => {
  const now = new Date(2030, 0, 31, 15, 30);

  it('offers today to 364 days ahead, suggesting two weeks', () => {
    expect(dueDateChoices(now)).toEqual({ min: '2030-01-31', max: '2031-01-30', suggested: '2030-02-14' });
  });

  it.each(['2030-01-31', '2030-02-28', '2030-12-31'])('%s is due at the last millisecond of that day', (day) => {
    const due = new Date(dueAtOf(day));
    expect(localDateOf(due)).toBe(day);
    expect([due.getHours(), due.getMinutes(), due.getSeconds(), due.getMilliseconds()]).toEqual([23, 59, 59, 999]);
    expect(dueAtOf(day)).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/);
  });

  it('the furthest day offered is due within 365 days, today after now', () => {
    const { min, max } = dueDateChoices(now);
    expect(new Date(dueAtOf(max)).getTime() - now.getTime()).toBeLessThan(365 * 86_400_000);
    expect(new Date(dueAtOf(min)).getTime()).toBeGreaterThan(now.getTime());
  });
});

describe('the words of a review', () => {
  it('progress: decided of all, then each count', () => {
    expect(progressText({ total: 9, kept: 2, revoked: 1, undecided: 6 })).toBe('3 of 9 decided: 2 kept, 1 revoked, 6 undecided.');
  });

  it.each([
    [{ decision: 'KEEP', decidedByName: 'john', removed: null }, 'Kept by john'],
    [{ decision: 'REVOKE', decidedByName: 'john', removed: true }, 'Revoked by john'],
    [{ decision: 'REVOKE', decidedByName: 'john', removed: false }, 'Revoked by john: nothing was removed, it had changed already'],
    [{ decision: 'REVOKE', decidedByName: 'system', removed: true }, "Revoked at the due date (the review's default)"],
    [{ decision: 'KEEP', decidedByName: 'system', removed: null }, "Kept at the due date (the review's default)"],
  ] as const)('decision %o: %s', (item, text) => {
    expect(decisionText(item)).toBe(text);
  });

  it('what the panel says once decided', () => {
    const item = { user: { login: 'paul' }, description: 'Membership: organization role "member" on beatles.' };
    expect(decidedMessage({ ...item, decision: 'REVOKE', removed: true })).toBe(
      'paul: Membership: organization role "member" on beatles. Revoked: removed at once.',
    );
    expect(decidedMessage({ ...item, decision: 'KEEP', removed: null })).toBe(
      'paul: Membership: organization role "member" on beatles. Kept.',
    );
  });

  const open = { status: 'OPEN', whenUndecided: 'KEEP' } as const;
  it.each([
    ['another person’s item in an open review: decidable', { id: 'paul' }, open, undefined],
    ['one’s own item', { id: 'john' }, open, 'This is your own access: another reviewer decides it, or at the due date it is kept.'],
    [
      'a review past its due date',
      { id: 'paul' },
      { status: 'CLOSED', whenUndecided: 'REVOKE' },
      'Undecided: the review is past its due date, so it is revoked as the review says.',
    ],
  ] as const)('%s', (_case, user, review, reason) => {
    expect(undecidableReason({ user }, review, 'john')).toBe(reason);
  });
});

describe('where one review is read from', () => {
  it('an answer holds the review asked for by id, or none (no review by that id in the organization)', () => {
    expect(reviewAt({ organization: { accessReview: { id: 'r3' } } })).toEqual({ id: 'r3' });
    expect(reviewAt({ organization: { accessReview: null } })).toBeUndefined();
    expect(reviewAt({ organization: null })).toBeUndefined();
    expect(reviewAt(undefined)).toBeUndefined();
  });
});

describe('the decisions as JSON Lines', () => {
  const item = (overrides: Partial<AccessReviewItemShown>): AccessReviewItemShown => ({
    id: 'item-1',
    kind: 'MEMBERSHIP',
    resourceType: 'ORGANIZATION',
    resourceName: 'beatles',
    role: 'member',
    customRole: false,
    permission: null,
    expiresAt: null,
    description: 'Membership: organization role "member" on beatles.',
    changedSinceSnapshot: false,
    current: 'Unchanged since the review started.',
    decision: null,
    decidedByName: null,
    decidedAt: null,
    note: null,
    removed: null,
    user: { id: 'u-paul', login: 'paul', name: 'Paul' },
    ...overrides,
  });
  const review = { id: 'review-1', organization: 'beatles' };

  it('one item a line, in the fields the operator command writes, its values lowercase as it writes them', () => {
    const text = reviewDecisionsJsonLines(review, [
      item({ decision: 'REVOKE', decidedByName: 'john', decidedAt: '2030-01-31T12:00:00.000Z', note: 'Left, "really".', removed: true }),
      item({
        id: 'item-2',
        kind: 'GRANT',
        resourceType: 'REPOSITORY',
        resourceName: 'beatles/infra',
        role: null,
        permission: 'read_code:repository',
        expiresAt: '2030-02-01T00:00:00.000Z',
      }),
    ]);
    expect(text.endsWith('\n')).toBe(true);
    expect(
      text
        .trimEnd()
        .split('\n')
        .map((line) => JSON.parse(line)),
    ).toEqual([
      {
        review: 'review-1',
        organization: 'beatles',
        item: 'item-1',
        user: 'paul',
        kind: 'membership',
        resourceType: 'organization',
        resource: 'beatles',
        role: 'member',
        customRole: false,
        permission: null,
        expiresAt: null,
        decision: 'revoke',
        decidedBy: 'john',
        decidedAt: '2030-01-31T12:00:00.000Z',
        note: 'Left, "really".',
        removed: true,
      },
      expect.objectContaining({
        item: 'item-2',
        kind: 'grant',
        resourceType: 'repository',
        permission: 'read_code:repository',
        decision: null,
      }),
    ]);
  });

  it('nothing for no item; the file is named by the id the command takes', () => {
    expect(reviewDecisionsJsonLines(review, [])).toBe('');
    expect(reviewDecisionsFileName(review)).toBe('beatles-access-review-review-1.jsonl');
  });
});

describe('ReviewProgress', () => {
  it('a real <progress>, decided of all, named and described by its counts', () => {
    const html = renderToStaticMarkup(
      createElement(ReviewProgress, { label: 'Progress of this review', progress: { total: 4, kept: 1, revoked: 2, undecided: 1 } }),
    );
    expect(html).toMatch(
      /<progress aria-label="Progress of this review" aria-describedby="([^"]+)" max="4" value="3"><\/progress><span id="\1">/,
    );
    expect(html).toContain('3 of 4 decided: 1 kept, 2 revoked, 1 undecided.');
  });

  it('an empty review is a bar at zero, not a division by zero', () => {
    const html = renderToStaticMarkup(
      createElement(ReviewProgress, { label: 'p', progress: { total: 0, kept: 0, revoked: 0, undecided: 0 } }),
    );
    expect(html).toContain('max="1" value="0"');
  });
});
