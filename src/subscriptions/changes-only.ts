import type { LiveItem } from './live-stream.js';

/**
 * What a subscription that sends only changes remembers: the value it last sent, by its feed (one
 * per subscription). A value is sent when it differs from that one. A re-check's value is never
 * sent (a re-check's result reaches the client only when it ends the subscription), so it is never
 * recorded either: recorded, a re-check that ran after a change and before that change's event would
 * make the event look like a repeat, and the change would never be sent.
 */
export class ChangesOnly {
  readonly #lastSent = new WeakMap<object, string>();

  /** True when `value` (as a comparable key) is to be sent for `item`, recording it as the last sent. */
  send(feed: object, item: LiveItem<unknown>, value: string): boolean {
    if (item.kind === 'recheck' || this.#lastSent.get(feed) === value) return false;
    this.#lastSent.set(feed, value);
    return true;
  }
}
