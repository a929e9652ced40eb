import { describe, expect, it } from 'vitest';
import { ChangesOnly } from '../../src/subscriptions/changes-only.js';
import type { LiveItem } from '../../src/subscriptions/live-stream.js';

// What a subscription that sends only changes sends, item after item: the first value, each change, no
// repeat, and nothing for a re-check, which must not count as sent either (CI once lost a change so: the
// re-check of one access event ran after the next change committed, and that change's event then looked
// like a repeat).

const event: LiveItem<unknown> = { kind: 'event', payload: true, cause: {} };
const recheck: LiveItem<unknown> = { kind: 'recheck', since: 0, cause: {} };

describe('ChangesOnly', () => {
  it.each([
    ['a first value', [[event, 'member']], [true]],
    [
      'a repeat',
      [
        [event, 'member'],
        [event, 'member'],
      ],
      [true, false],
    ],
    [
      'a change',
      [
        [event, 'member'],
        [event, 'maintainer'],
      ],
      [true, true],
    ],
    [
      'a change and back',
      [
        [event, 'member'],
        [event, 'maintainer'],
        [event, 'member'],
      ],
      [true, true, true],
    ],
    [
      'a re-check, even of a change',
      [
        [event, 'member'],
        [recheck, 'maintainer'],
      ],
      [true, false],
    ],
    [
      'the event after a re-check that saw its change first',
      [
        [event, 'member'],
        [recheck, 'maintainer'],
        [event, 'maintainer'],
      ],
      [true, false, true],
    ],
    [
      'a re-check first',
      [
        [recheck, 'member'],
        [event, 'member'],
      ],
      [false, true],
    ],
  ] as [string, [LiveItem<unknown>, string][], boolean[]][])('%s', (_case, items, sent) => {
    const changesOnly = new ChangesOnly();
    const feed = {};
    expect(items.map(([item, value]) => changesOnly.send(feed, item, value))).toEqual(sent);
  });

  it('remembers each subscription apart', () => {
    const changesOnly = new ChangesOnly();
    const [one, two] = [{}, {}];
    expect([
      changesOnly.send(one, event, 'member'),
      changesOnly.send(two, event, 'member'),
      changesOnly.send(one, event, 'member'),
    ]).toEqual([true, true, false]);
  });
});
