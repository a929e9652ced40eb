import { MemoryEventBus, type EventBus } from './event-bus.js';
import { RedisEventBus } from './redis-event-bus.js';

/**
 * The event bus for this deployment: Redis pub/sub with `REDIS_URL` (several instances), in process
 * without. Resolves once it listens, or once Redis has not answered the first attempt: a server
 * starts without Redis (not ready until Redis answers, as the session store says), and its bus
 * listens as soon as Redis answers.
 */
export async function createEventBus(redis: { readonly url: string; readonly keyPrefix: string } | undefined): Promise<EventBus> {
  if (!redis) return new MemoryEventBus();
  const bus = new RedisEventBus(redis);
  await bus.ready();
  return bus;
}
