import type { LiveEvent } from './live-event.js';

/** Receives every event published on the bus, by any instance. */
export type LiveEventListener = (event: LiveEvent) => void;

/**
 * Carries live events between the writers and the subscribers of every instance: in process
 * without `REDIS_URL` (`MemoryEventBus`), over Redis pub/sub with it (`RedisEventBus`).
 * Publishing never throws: a lost event costs a live update, never a write that already committed.
 */
export interface EventBus {
  publish(event: LiveEvent): void;
  /** Adds a listener; the function returned removes it. */
  listen(listener: LiveEventListener): () => void;
  close(): Promise<void>;
}

/** The bus of a single instance: listeners are called in process, after the publisher's turn (as Redis would). */
export class MemoryEventBus implements EventBus {
  readonly #listeners = new Set<LiveEventListener>();

  publish(event: LiveEvent): void {
    queueMicrotask(() => deliver(this.#listeners, event));
  }

  listen(listener: LiveEventListener): () => void {
    this.#listeners.add(listener);
    return () => this.#listeners.delete(listener);
  }

  async close(): Promise<void> {
    this.#listeners.clear();
  }
}

/** Calls every listener; one that throws does not keep the event from the others. */
export function deliver(listeners: Iterable<LiveEventListener>, event: LiveEvent): void {
  for (const listener of [...listeners]) {
    try {
      listener(event);
    } catch {
      // A listener's failure is its own (it logs); the bus goes on.
    }
  }
}
