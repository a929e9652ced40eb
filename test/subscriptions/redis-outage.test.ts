// A server that starts while Redis does not answer starts anyway (not ready, as the session store
// says), and its event bus listens as soon as Redis answers: events published by another instance
// then reach it. A Redis of the test's own on a free loopback port, started after the bus.
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { afterAll, describe, expect, it } from 'vitest';
import type { LiveEvent } from '../../src/subscriptions/live-event.js';
import { freePort } from '../helpers/free-port.js';
import { RedisEventBus } from '../../src/subscriptions/redis-event-bus.js';

const redisServer = spawnSync('bash', ['-c', 'command -v redis-server'], { encoding: 'utf8' }).stdout.trim();

const buses: RedisEventBus[] = [];
let redis: ChildProcess | undefined;
afterAll(async () => {
  await Promise.all(buses.map((bus) => bus.close()));
  redis?.kill('SIGKILL');
});

describe.skipIf(!redisServer)('the Redis event bus when Redis is down at start-up', () => {
  it('says it is not listening, then listens once Redis answers: another instance reaches it', async () => {
    const port = await freePort();
    const options = { url: `redis://127.0.0.1:${port}`, keyPrefix: 'outage-test:' };
    const bus = new RedisEventBus(options);
    buses.push(bus);
    expect(await bus.ready()).toBe(false);

    redis = spawn(redisServer, ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no'], { stdio: 'ignore' });
    const other = new RedisEventBus(options);
    buses.push(other);
    expect(await other.ready()).toBe(true);

    const received: LiveEvent[] = [];
    bus.listen((event) => received.push(event));
    const event: LiveEvent = { topic: 'token', jti: 'after-the-outage' };
    // The first bus reconnects on its own schedule (up to 2 s between attempts): publish until it hears.
    for (let tries = 0; tries < 100 && received.length === 0; tries++) {
      other.publish(event);
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    expect(received[0]).toEqual(event);
  }, 30_000);
});
