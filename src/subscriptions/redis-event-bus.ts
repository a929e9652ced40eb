import { Redis } from 'ioredis';
import { deliver, type EventBus, type LiveEventListener } from './event-bus.js';
import { parseLiveEvent, type LiveEvent } from './live-event.js';

/** Where the bus lives in Redis. */
export interface RedisEventBusOptions {
  readonly url: string;
  /** The deployment's key prefix (`REDIS_KEY_PREFIX`): the channel is `<prefix>live`, private to it. */
  readonly keyPrefix: string;
  /** Told when Redis refuses or drops a publish (the metrics count it; nothing else can be done). */
  readonly onPublishFailure?: (error: unknown) => void;
}

/**
 * The bus of several instances: one Redis pub/sub channel. Every instance, the publisher's own
 * included, receives each event from Redis, so all deliver alike. A subscriber connection is a
 * connection of its own (Redis allows nothing else on it); ioredis re-subscribes after a reconnect.
 */
export class RedisEventBus implements EventBus {
  readonly #publisher: Redis;
  readonly #subscriber: Redis;
  readonly #channel: string;
  readonly #listeners = new Set<LiveEventListener>();
  readonly #firstAttempt: Promise<boolean>;

  constructor(private readonly options: RedisEventBusOptions) {
    const settings = { maxRetriesPerRequest: 1, connectTimeout: 1500, retryStrategy: (attempt: number) => Math.min(attempt * 200, 2000) };
    this.#publisher = new Redis(options.url, settings);
    this.#subscriber = new Redis(options.url, settings);
    // Errors surface per command; without a listener ioredis would print every reconnect attempt.
    this.#publisher.on('error', () => {});
    this.#subscriber.on('error', () => {});
    this.#channel = `${options.keyPrefix}live`;
    this.#subscriber.on('message', (channel: string, message: string) => {
      if (channel !== this.#channel) return;
      const event = parseLiveEvent(message);
      if (event) deliver(this.#listeners, event);
    });
    const subscribe = () =>
      this.#subscriber.subscribe(this.#channel).then(
        () => true,
        () => false,
      );
    this.#firstAttempt = subscribe();
    // ioredis subscribes again after a reconnect only to channels it once subscribed to: a Redis that did not
    // answer at start-up is subscribed to whenever it does (again on every reconnect, which Redis takes as a no-op).
    this.#subscriber.on('ready', () => void subscribe());
  }

  /**
   * Resolves true once this instance listens on the channel, false when Redis did not answer the
   * first attempt: start-up waits for it, and goes on without Redis (not ready, as /readyz says,
   * until Redis answers; the bus listens from then on).
   */
  ready(): Promise<boolean> {
    return this.#firstAttempt;
  }

  publish(event: LiveEvent): void {
    this.#publisher.publish(this.#channel, JSON.stringify(event)).catch((error: unknown) => this.options.onPublishFailure?.(error));
  }

  listen(listener: LiveEventListener): () => void {
    this.#listeners.add(listener);
    return () => this.#listeners.delete(listener);
  }

  async close(): Promise<void> {
    this.#listeners.clear();
    await Promise.allSettled([this.#subscriber.quit(), this.#publisher.quit()]);
  }
}

/**
 * Publishes one event on a deployment's bus from outside a server (a command): one connection,
 * one PUBLISH, closed. Open subscriptions on every instance then re-check at once, as after a change
 * made through the API.
 */
export async function publishOnce(options: Pick<RedisEventBusOptions, 'url' | 'keyPrefix'>, event: LiveEvent): Promise<void> {
  const redis = new Redis(options.url, { maxRetriesPerRequest: 1, connectTimeout: 1500, lazyConnect: true });
  redis.on('error', () => {});
  try {
    await redis.publish(`${options.keyPrefix}live`, JSON.stringify(event));
  } finally {
    redis.disconnect();
  }
}
