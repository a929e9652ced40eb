/**
 * One bench server in a process of its own (`fork`ed by bench/run.ts): the real server with
 * `@auth` (auth), without it (baseline), guarded by graphql-shield instead (shield), or the bare
 * graphql-js floor (floor). It prepares its data (its own in-memory PGlite, or the bench's
 * PostgreSQL database from BENCH_DATABASE_URL), then reports over IPC where it listens, john's
 * token and an id to mutate; it answers `stats` with its SQL statement count and resident memory
 * (as it is, and after a full garbage collection).
 */
import { getHeapSpaceStatistics } from 'node:v8';
import pg from 'pg';
import { loadConfig } from '../src/config.js';
import type { EntityManager } from '../src/db/database.js';
import { demoEmail, demoPassword } from '../src/gitclub/demo/demo-cast.js';
import { openGitClubDatabase } from '../src/gitclub/gitclub-database.js';
import { isPerRequestItem } from '../src/http/per-request-items.js';
import { startServer } from '../src/server.js';
import { addBenchData } from './bench-data.js';
import { startFloorServer, type RunSql } from './floor-server.js';
import type { ServerInfo, ServerKind } from './shapes.js';
import { shieldedSchema } from './shield-schema.js';

/** What a server process says to the bench. */
export type ServerMessage =
  | ({ type: 'ready' } & ServerInfo)
  | { type: 'stats'; statements: number; rssBytes: number; rssAfterGcBytes: number; memoryAfterGc: MemoryBreakdown }
  | { type: 'statements'; statements: number; cpuMicros: number };

/** Where the resident memory is after a full collection: the V8 heap (used and reserved) and what is outside it. */
export interface MemoryBreakdown {
  readonly heapUsedBytes: number;
  readonly heapReservedBytes: number;
  /** Buffers and other memory V8 objects hold outside the heap (`external`, array buffers included). */
  readonly externalBytes: number;
  /** Each V8 space's committed bytes (its share of `heapReservedBytes`), by name: which generation holds the reserve. */
  readonly spaces: Readonly<Record<string, number>>;
}
/**
 * What the bench asks of a server process: `stats` (with a full, memory-reducing collection, for the
 * memory lines) or `statements` alone, with the CPU time used so far (between load rounds, which a
 * collection there would skew).
 */
export type ServerOrder = { type: 'stats' } | { type: 'statements' } | { type: 'stop' };

/**
 * Resident memory after a full, memory-reducing garbage collection (the bench forks it with
 * --expose-gc): what the process needs. A plain full collection leaves V8's reserve committed (the
 * young generation at its largest, free old-generation pages, pooled pages): after load on Node 24
 * that is more than half the RSS, and V8 gives it back under memory pressure, not when idle.
 * Node 20 has no memory-reducing collection: there it is a plain full one.
 */
function rssAfterGc(): number {
  const gc = (globalThis as { gc?: (options?: object) => void }).gc;
  // A plain full collection first: Node 20's V8 takes the options below for an asynchronous one and returns before it is done.
  gc?.();
  gc?.({ type: 'major', execution: 'sync', flavor: 'last-resort' });
  return process.memoryUsage().rss;
}

/** The memory breakdown, read right after `rssAfterGc`'s collection. */
function memoryBreakdown(): MemoryBreakdown {
  const usage = process.memoryUsage();
  const spaces = Object.fromEntries(getHeapSpaceStatistics().map((space) => [space.space_name, space.physical_space_size]));
  return { heapUsedBytes: usage.heapUsed, heapReservedBytes: usage.heapTotal, externalBytes: usage.external, spaces };
}

const kind = process.env.BENCH_SERVER_KIND as ServerKind;
const databaseUrl = process.env.BENCH_DATABASE_URL || undefined;
let statements = 0;
const countStatement = () => {
  statements++;
};

/** The ids the shapes name: bench-001 (mutated), the first 100 bench repositories (an AuthZEN batch asks about each), john. */
async function benchIds(em: EntityManager): Promise<Pick<ServerInfo, 'repositoryId' | 'repositoryIds' | 'viewerId'>> {
  const rows = await em.execute<{ id: string }[]>(
    `select r.id from repositories r join organizations o on o.id = r.organization_id
     where o.login = 'beatles' and r.name like 'bench-%' order by r.name limit 100`,
  );
  const [john] = await em.execute<{ id: string }[]>(`select id from users where login = 'john'`);
  const [first] = rows;
  if (!first || rows.length < 100 || !john) throw new Error('The bench data is missing.');
  return { repositoryId: first.id, repositoryIds: rows.map((row) => row.id), viewerId: john.id };
}

async function login(url: string): Promise<string> {
  const response = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({
      query: 'mutation($email: String!, $password: String!) { login(input: { email: $email, password: $password }) { accessToken } }',
      variables: { email: demoEmail('john'), password: demoPassword },
    }),
  });
  const token = ((await response.json()) as { data?: { login?: { accessToken?: string } } }).data?.login?.accessToken;
  if (!token) throw new Error('Could not log in as john.');
  return token;
}

async function startGitClub(): Promise<{ info: ServerInfo; stop: () => Promise<void> }> {
  const config = {
    ...loadConfig({
      PORT: '0',
      SEED_DEMO_DATA: 'true',
      LOG_LEVEL: process.env.LOG_LEVEL || 'silent',
      DATABASE_URL: databaseUrl,
      // The one token john signs in with must outlive the run: the ablation keeps a server up for half an hour.
      ACCESS_TOKEN_TTL_SECONDS: '86400',
      // The subscriptions line: john holds 1,000 subscriptions of one repository (the default allows 100 per user).
      WS_MAX_SUBSCRIPTIONS_PER_USER: '1000',
      // GRAPHQL_COMPILED_EXECUTION=false npm run bench: every server executes with graphql-js (what graphql-jit gains).
      GRAPHQL_COMPILED_EXECUTION: process.env.GRAPHQL_COMPILED_EXECUTION,
    }),
    dataDir: 'memory://',
  };
  const server = await startServer(config, {
    authorization: kind !== 'baseline',
    schema: kind === 'shield' ? shieldedSchema() : undefined,
    host: '127.0.0.1',
    onQuery: countStatement,
    // The ablation's one item left out (npm run bench -- --ablation).
    without: new Set((process.env.BENCH_WITHOUT ?? '').split(',').filter(isPerRequestItem)),
  });
  await addBenchData(server.db.em.fork());
  const info = { url: server.url, token: await login(server.url), ...(await benchIds(server.db.em.fork())) };
  return { info, stop: () => server.stop() };
}

async function startFloor(): Promise<{ info: ServerInfo; stop: () => Promise<void> }> {
  const db = await openGitClubDatabase({ databaseUrl, pgliteDataDir: 'memory://' }, { seedDemoData: true });
  await addBenchData(db.em.fork());
  const ids = await benchIds(db.em.fork());
  let runSql: RunSql;
  let closeDriver = async () => {};
  if (databaseUrl) {
    // Connections kept as the server's pool keeps them (DATABASE_POOL_IDLE_SECONDS): with the driver's 10 s, the floor
    // reopened its connections at each of its rounds, which come more than 10 s apart.
    const pool = new pg.Pool({ connectionString: databaseUrl, max: 10, idleTimeoutMillis: 600_000 });
    runSql = async (sql, params) => (await pool.query(sql, params)).rows as Record<string, unknown>[];
    closeDriver = () => pool.end();
  } else {
    const connection = db.em.getConnection() as unknown as {
      getNativeClient(): Promise<{ query(sql: string, params: unknown[]): Promise<{ rows: unknown[] }> }>;
    };
    const client = await connection.getNativeClient();
    runSql = async (sql, params) => (await client.query(sql, params)).rows as Record<string, unknown>[];
  }
  const floor = await startFloorServer(runSql, countStatement);
  return {
    info: { url: floor.url, token: 'none', ...ids },
    stop: async () => {
      floor.server.close();
      await closeDriver();
      await db.close();
    },
  };
}

/** The CPU time this process has used so far, user and system (the bench divides a round's share by its requests). */
function cpuMicros(): number {
  const { user, system } = process.cpuUsage();
  return user + system;
}

const running = await (kind === 'floor' ? startFloor() : startGitClub());
const send = (message: ServerMessage) => process.send?.(message);
process.on('message', (order: ServerOrder) => {
  if (order.type === 'stats') {
    const rssBytes = process.memoryUsage().rss;
    send({ type: 'stats', statements, rssBytes, rssAfterGcBytes: rssAfterGc(), memoryAfterGc: memoryBreakdown() });
  }
  if (order.type === 'statements') send({ type: 'statements', statements, cpuMicros: cpuMicros() });
  if (order.type === 'stop') void running.stop().then(() => process.exit(0));
});
send({ type: 'ready', ...running.info });
