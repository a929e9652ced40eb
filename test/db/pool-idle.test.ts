import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { databasePoolOf } from '../../src/db/database-pool.js';
import { startTestServer, type TestServer } from '../helpers/test-server.js';

/**
 * How long the server's PostgreSQL connections stay open unused (DATABASE_POOL_IDLE_SECONDS). The
 * driver's own default closed them after 10 s, and with them the plans they kept and their server
 * processes' warm caches: traffic coming in bursts a little further apart started cold each time.
 * Connections kept that long send TCP keep-alives, so that a NAT or firewall on the way does not drop them.
 * On PostgreSQL only: the embedded database has one connection and no pool.
 */
describe.skipIf(!process.env.DATABASE_URL)('idle pooled connections', () => {
  let byDefault: TestServer;
  let oneSecond: TestServer;
  beforeAll(async () => {
    [byDefault, oneSecond] = await Promise.all([startTestServer(), startTestServer({}, { DATABASE_POOL_IDLE_SECONDS: '1' })]);
  });
  afterAll(async () => {
    await Promise.all([byDefault?.stop(), oneSecond?.stop()]);
  });

  /** The server's pool: what the driver was told, and how many connections it has open. */
  async function poolOf(test: TestServer) {
    const connection = test.server.db.em.getConnection() as unknown as {
      getNativeClient(): Promise<{ options: { idleTimeoutMillis?: number; keepAlive?: boolean; keepAliveInitialDelayMillis?: number } }>;
    };
    const pool = await connection.getNativeClient();
    const counts = await databasePoolOf(test.server.db, test.databaseUrl);
    const { idleTimeoutMillis, keepAlive, keepAliveInitialDelayMillis } = pool.options;
    return { idleTimeoutMillis, keepAlive, keepAliveInitialDelayMillis, open: counts?.total ?? -1 };
  }

  /** The number of open connections once none is left, or after `withinMs`, sampled every 100 ms. */
  async function openAfter(test: TestServer, withinMs: number): Promise<number> {
    const deadline = Date.now() + withinMs;
    let open = (await poolOf(test)).open;
    while (open > 0 && Date.now() < deadline) {
      await new Promise((resolve) => setTimeout(resolve, 100));
      open = (await poolOf(test)).open;
    }
    return open;
  }

  it.each<[string, 'kept' | 'closed', () => TestServer, number]>([
    ['the default (600 s)', 'kept', () => byDefault, 600_000],
    ['DATABASE_POOL_IDLE_SECONDS=1', 'closed', () => oneSecond, 1_000],
  ])('%s: a connection unused for 2 s is %s', async (_name, outcome, server, idleTimeoutMillis) => {
    const test = server();
    expect((await test.gql('john', '{ viewer { login } }')).data).toEqual({ viewer: { login: 'john' } });
    const pool = await poolOf(test);
    expect(pool.idleTimeoutMillis).toBe(idleTimeoutMillis);
    // Kept connections send TCP keep-alives after a minute of silence, so that nothing between here and the database forgets them.
    expect([pool.keepAlive, pool.keepAliveInitialDelayMillis]).toEqual([true, 60_000]);
    expect(pool.open).toBeGreaterThan(0);
    const open = await openAfter(test, 2_000);
    if (outcome === 'kept') expect(open).toBe(pool.open);
    else expect(open).toBe(0);
  });
});
