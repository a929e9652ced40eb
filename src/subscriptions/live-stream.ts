import type { EventBus } from './event-bus.js';
import type { LiveEvent } from './live-event.js';

/** What a subscription's source yields: a payload of an event it accepted, or a request to re-check access. */
export type LiveItem<T> =
  | { readonly kind: 'event'; readonly payload: T; readonly cause: object }
  /** `since`: when the revocation that asked for it was received (ms), for the revocation latency. */
  | { readonly kind: 'recheck'; readonly since: number; readonly cause: object };
// `cause`: what the item comes from (the bus event, or the subscription's start for a first value): the
// subscriptions handling one cause at once share a context (`EventContexts`).

/** How one subscription's stream behaves: what it keeps, and what it is told on the way. */
export interface LiveStreamOptions {
  /** Events that may wait for a slow client; one more calls `onOverflow` and ends the stream. */
  readonly maxBuffered: number;
  /** Called before each item is handed on (the subscription's context is renewed there); false ends the stream. */
  readonly beforeEach: (item: LiveItem<unknown>) => Promise<boolean>;
  readonly onOverflow: () => void;
  /** Called once when the stream ends, whoever ends it. */
  readonly onEnd: () => void;
}

/**
 * One subscription's source: the bus events it accepts (`accept` maps an event to a payload or
 * undefined), and re-checks asked for by revocations, in order, in a bounded queue. Re-checks do not
 * pile up: one waiting covers any asked after it. An async iterator, so graphql-js executes the
 * selection once per item, one item at a time.
 */
export class LiveStream<T> implements AsyncIterableIterator<LiveItem<T>> {
  readonly #queue: LiveItem<T>[] = [];
  #waiting: ((item: LiveItem<T> | undefined) => void) | undefined;
  #ended = false;
  readonly #stopListening: () => void;

  constructor(
    bus: EventBus,
    accept: (event: LiveEvent) => T | undefined,
    private readonly options: LiveStreamOptions,
    /** A payload handed on first, before any event: the subscription's state when it starts. */
    first?: T,
  ) {
    if (first !== undefined) this.#queue.push({ kind: 'event', payload: first, cause: {} });
    this.#stopListening = bus.listen((event) => {
      const payload = accept(event);
      if (payload !== undefined) this.#push({ kind: 'event', payload, cause: event });
    });
  }

  /** Asks for a re-check of the subscriber's access (their access or token changed, as `cause` said). */
  recheck(since: number, cause: object): void {
    if (this.#queue.some((item) => item.kind === 'recheck')) return;
    this.#push({ kind: 'recheck', since, cause });
  }

  #push(item: LiveItem<T>): void {
    if (this.#ended) return;
    if (this.#waiting) {
      const resolve = this.#waiting;
      this.#waiting = undefined;
      resolve(item);
      return;
    }
    if (this.#queue.length >= this.options.maxBuffered) {
      this.options.onOverflow();
      void this.return();
      return;
    }
    this.#queue.push(item);
  }

  async next(): Promise<IteratorResult<LiveItem<T>>> {
    for (;;) {
      const item = this.#queue.shift() ?? (await this.#nextPushed());
      if (item === undefined) return { value: undefined, done: true };
      if (await this.#handOn(item)) return { value: item, done: false };
    }
  }

  /** The next item pushed, or undefined once the stream has ended. */
  #nextPushed(): Promise<LiveItem<T> | undefined> {
    if (this.#ended) return Promise.resolve(undefined);
    return new Promise((resolve) => (this.#waiting = resolve));
  }

  async #handOn(item: LiveItem<T>): Promise<boolean> {
    if (this.#ended) return false;
    const go = await this.options.beforeEach(item);
    if (!go) await this.return();
    return go && !this.#ended;
  }

  async return(): Promise<IteratorResult<LiveItem<T>>> {
    if (!this.#ended) {
      this.#ended = true;
      this.#stopListening();
      this.#queue.length = 0;
      this.#waiting?.(undefined);
      this.#waiting = undefined;
      this.options.onEnd();
    }
    return { value: undefined, done: true };
  }

  async throw(error: unknown): Promise<IteratorResult<LiveItem<T>>> {
    await this.return();
    throw error;
  }

  [Symbol.asyncIterator](): this {
    return this;
  }
}
