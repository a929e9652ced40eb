import { MemoryEventBus, type EventBus } from './event-bus.js';
import { RedisEventBus } from './redis-event-bus.js';

/** The event bus for this deployment: Redis pub/sub with `REDIS_URL` (several instances), in process without. Resolves once it listens. */
export async function createEventBus(redis: { readonly url: string; readonly keyPrefix: string } | undefined): Promise<EventBus> {
  if (!redis) return new MemoryEventBus();
  const bus = new RedisEventBus(redis);
  try {
    await bus.ready();
  } catch (error) {
    await bus.close();
    throw error;
  }
  return bus;
}
