import type { LiveEvent } from './live-event.js';
import type { LiveItem } from './live-stream.js';

/**
 * What a subscription resolver gets in its context over WebSocket: a stream of the bus events it
 * accepts (and of the re-checks revocations ask for), tied to the subscription's lifetime and
 * limits. Absent over HTTP, where a subscription cannot run.
 */
export interface LiveFeed {
  /** `first`: a payload handed on at once, before any event (the state the subscription starts from). */
  stream<T>(accept: (event: LiveEvent) => T | undefined, first?: T): AsyncIterableIterator<LiveItem<T>>;
}
