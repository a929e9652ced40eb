import { randomUUID } from 'node:crypto';
import type { AddressInfo } from 'node:net';
import express from 'express';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SessionStore } from '../../src/auth/session-store.js';
import type { Database } from '../../src/db/database.js';
import { healthRoutes } from '../../src/http/health-routes.js';
import { startTestServer, type TestServer } from '../helpers/test-server.js';

/**
 * The server under database faults, on PostgreSQL only (PGlite runs in process and cannot lose a
 * connection). While a bounded load runs (reads, and members added to and removed from beatles,
 * each change sent with an Idempotency-Key and sent again with it until it succeeds), every
 * backend of the server's database is terminated every `killEveryMs`. Then the database refuses
 * connections for a while. What must hold:
 *
 * - no read shows the fault: every read answers data (a lost connection is retried on another);
 * - a change either succeeds or answers SERVICE_UNAVAILABLE (`retryable: true` when nothing was
 *   written, `outcome: "unknown"` when COMMIT was cut off), never INTERNAL_SERVER_ERROR, and
 *   nothing of the database (no stack, no driver message); its retries with the key end in
 *   success (the change, or the replay of its answer, or ALREADY_APPLIED);
 * - every change happened exactly once: one audit entry across all its attempts; each user's audit
 *   entries match their membership (added, removed, added... ending in what holds) and their
 *   authorization version (raised once by each change, in the same transaction);
 * - every request is answered within `answerWithinMs` (past it, the request hangs);
 * - while the database refuses connections, every request answers 503 SERVICE_UNAVAILABLE at once
 *   and `/readyz` names the database; the same server serves again once it accepts them;
 * - the server still stops: no connection is left checked out of its pool.
 *
 * A worker stops at its second request in a row without an answer: the server is wedged, and more
 * requests would only wait out their timeouts.
 */
const workers = 10;
/** Each worker makes at least this many requests (half reads, half changes), and goes on until `kills` kills have happened. */
const roundsPerWorker = 30;
/** Every backend of the database is terminated this often while the load runs (the drill: every 4 s). */
const killEveryMs = 1000;
const kills = 5;
/** A worker stops after this many rounds whatever happened: the load is bounded. */
const maxRoundsPerWorker = 400;
/** A change is sent again with its key at most this many times, `retryPauseMs` apart (a client honouring Retry-After would wait longer). */
const retriesPerChange = 40;
const retryPauseMs = 50;
const answerWithinMs = 10_000;
/** Recovery is polled this many times, `pollPauseMs` apart. */
const pollAttempts = 50;
const pollPauseMs = 100;
const hangsBeforeGivingUp = 2;

const readBeatles =
  '{ organization(login: "beatles") { name viewerPermissions members(first: 5) { totalCount } repositories(first: 5) { totalCount } } }';
const addMember =
  'mutation($o: ID!, $u: ID!) { addMember(input: {organizationId: $o, userId: $u, role: "member"}) { membership { role { name } } } }';
const removeMember = 'mutation($o: ID!, $u: ID!) { removeMember(input: {organizationId: $o, userId: $u}) { organization { id } } }';

/** Words of the database and the runtime that a client must never read. */
const internals = /stack|\n\s+at |terminat|ECONN|postgres|pg_|sql|relation|connection|administrator/i;

/** One request as sent and answered. */
interface Exchange {
  readonly requestId: string;
  readonly operation: 'read' | 'add' | 'remove';
  readonly userId?: string;
  /** The Idempotency-Key of a change: every attempt at one change sends the same. */
  readonly changeKey?: string;
  readonly status: number;
  readonly body?: { data?: Record<string, unknown> | null; errors?: { message: string; extensions?: Record<string, unknown> }[] };
  /** Why there is no body: no answer in time, a broken connection, a body that is not JSON. */
  readonly failure?: string;
}

const succeeded = (exchange: Exchange) => exchange.body !== undefined && !exchange.body.errors?.length;
const hung = (exchange: Omit<Exchange, 'operation'>) => exchange.status === 0;
/** A change applied once already, by an attempt whose answer was lost: the repeat says so instead of applying it again. */
const alreadyApplied = (exchange: Exchange) =>
  exchange.body?.errors?.length === 1 && exchange.body.errors[0]?.extensions?.code === 'ALREADY_APPLIED';

/**
 * What is wrong with an answer, if anything: a read must answer data; a change may also answer
 * SERVICE_UNAVAILABLE (503, retryable, or with its outcome unknown) or ALREADY_APPLIED.
 */
function problemWith(exchange: Exchange): string | undefined {
  const where = `${exchange.operation} ${exchange.requestId}`;
  if (exchange.failure) return `${where}: ${exchange.failure}`;
  const errors = exchange.body?.errors ?? [];
  if (errors.length === 0) return exchange.body?.data ? undefined : `${where}: neither data nor errors`;
  if (internals.test(JSON.stringify(errors))) return `${where}: the answer shows internals: ${JSON.stringify(errors)}`;
  for (const error of errors) {
    const extensions = error.extensions ?? {};
    if ('stacktrace' in extensions) return `${where}: a stack trace`;
    if (exchange.operation !== 'read') {
      const unavailable =
        extensions.code === 'SERVICE_UNAVAILABLE' &&
        exchange.status === 503 &&
        (extensions.retryable === true || extensions.outcome === 'unknown');
      if (unavailable || extensions.code === 'ALREADY_APPLIED') continue;
    }
    return `${where}: HTTP ${exchange.status} ${String(extensions.code)} "${error.message}"`;
  }
  return undefined;
}

/** One line of figures: kills, reads and their failures, changes and their attempts, the errors change attempts answered. */
function drillSummary(terminated: readonly number[], exchanges: readonly Exchange[]): string {
  const reads = exchanges.filter((exchange) => exchange.operation === 'read');
  const attempts = exchanges.filter((exchange) => exchange.operation !== 'read');
  const errors = new Map<string, number>();
  for (const error of attempts.flatMap((exchange) => exchange.body?.errors ?? [])) {
    const name = [error.extensions?.code, error.extensions?.outcome].filter(Boolean).join('/');
    errors.set(name, (errors.get(name) ?? 0) + 1);
  }
  const backends = terminated.reduce((sum, count) => sum + count, 0);
  const failedReads = reads.filter((exchange) => !succeeded(exchange)).length;
  const changes = new Set(attempts.map((exchange) => exchange.changeKey)).size;
  return `fault drill: ${terminated.length} kills (${backends} backends), ${reads.length} reads (${failedReads} failed), ${changes} changes in ${attempts.length} attempts, change errors ${JSON.stringify(Object.fromEntries(errors))}`;
}

let api: TestServer;
let admin: pg.Client;
let databaseName: string;
let token: string;

async function send(query: string, variables?: Record<string, unknown>, changeKey?: string): Promise<Omit<Exchange, 'operation'>> {
  const requestId = randomUUID();
  try {
    const response = await fetch(api.server.url, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        authorization: `Bearer ${token}`,
        'x-request-id': requestId,
        ...(changeKey ? { 'idempotency-key': changeKey } : {}),
      },
      body: JSON.stringify({ query, variables }),
      signal: AbortSignal.timeout(answerWithinMs),
    });
    const text = await response.text();
    try {
      return { requestId, changeKey, status: response.status, body: JSON.parse(text) as Exchange['body'] };
    } catch {
      return { requestId, status: response.status, failure: `HTTP ${response.status}, not JSON: ${text.slice(0, 200)}` };
    }
  } catch (error) {
    const name = (error as Error).name;
    return {
      requestId,
      status: 0,
      failure: name === 'TimeoutError' ? `no answer within ${answerWithinMs} ms (a hang)` : `no answer: ${name}`,
    };
  }
}

async function readyz(): Promise<{ status: number; checks?: Record<string, string>; failure?: string }> {
  try {
    const response = await fetch(new URL('/readyz', api.server.url), { signal: AbortSignal.timeout(answerWithinMs) });
    const body = (await response.json()) as { checks: Record<string, string> };
    return { status: response.status, checks: body.checks };
  } catch (error) {
    return { status: 0, failure: (error as Error).name };
  }
}

/** Terminates every backend of the server's database; how many there were. */
async function terminateBackends(): Promise<number> {
  const { rows } = await admin.query<{ terminated: boolean }>(
    'select pg_terminate_backend(pid) as terminated from pg_stat_activity where datname = $1 and pid <> pg_backend_pid()',
    [databaseName],
  );
  return rows.filter((row) => row.terminated).length;
}

async function allowConnections(allowed: boolean): Promise<void> {
  await admin.query(`alter database "${databaseName}" with allow_connections ${allowed}`);
}

const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Polls until `ready` says yes; the attempts it took, or undefined if it never did (or hung). */
async function pollUntil(ready: () => Promise<'yes' | 'no' | 'hung'>): Promise<number | undefined> {
  for (let attempt = 1; attempt <= pollAttempts; attempt++) {
    const answer = await ready();
    if (answer === 'yes') return attempt;
    if (answer === 'hung') return undefined;
    await pause(pollPauseMs);
  }
  return undefined;
}

/** Whether a read succeeds now. */
async function readSucceeds(): Promise<'yes' | 'no' | 'hung'> {
  const exchange = await send(readBeatles);
  if (hung(exchange)) return 'hung';
  return succeeded({ operation: 'read', ...exchange }) ? 'yes' : 'no';
}

/** Whether `/readyz` says ready now. */
async function ready(): Promise<'yes' | 'no' | 'hung'> {
  const answer = await readyz();
  if (answer.status === 0) return 'hung';
  return answer.status === 200 ? 'yes' : 'no';
}

describe.skipIf(!process.env.DATABASE_URL)('PostgreSQL connections lost under load', () => {
  const exchanges: Exchange[] = [];
  const problems: string[] = [];
  const terminated: number[] = [];
  let userIds: string[];

  beforeAll(async () => {
    api = await startTestServer();
    databaseName = decodeURIComponent(new URL(api.databaseUrl as string).pathname.slice(1));
    // On the server's maintenance database, not the one whose backends it terminates.
    admin = new pg.Client({ connectionString: process.env.DATABASE_URL });
    await admin.connect();
    token = await api.tokenOf('john');
    userIds = [];
    for (let index = 0; index < workers; index++) {
      const data = await api.setup(
        'anonymous',
        'mutation($login: String!, $email: String!) { signUp(input: {login: $login, name: "Load", email: $email, password: "load-password"}) { user { id } } }',
        {
          login: `load-${index}`,
          email: `load-${index}@gitclub.test`,
        },
      );
      userIds.push((data.signUp as { user: { id: string } }).user.id);
    }
  });
  afterAll(async () => {
    if (admin) {
      await allowConnections(true).catch(() => undefined);
      await admin.end();
    }
    // Dropped even when the server could not stop (the last test says so).
    await api?.database.drop();
  });

  it('answers every read with data and every change once, while its connections are killed', { timeout: 180_000 }, async () => {
    const killed: Promise<number>[] = [];
    const killer = setInterval(() => killed.push(terminateBackends()), killEveryMs);
    const goOn = (round: number) => round < maxRoundsPerWorker && (round < roundsPerWorker || killed.length < kills || round % 2 === 1);
    // Each worker adds and removes its own user, so workers never race each other.
    const worker = async (userId: string) => {
      let member = false;
      let hangs = 0;
      const record = (exchange: Exchange) => {
        exchanges.push(exchange);
        const problem = problemWith(exchange);
        if (problem) problems.push(problem);
        hangs = hung(exchange) ? hangs + 1 : 0;
      };
      for (let round = 0; goOn(round) && hangs < hangsBeforeGivingUp; round++) {
        if (round % 2 === 0) {
          record({ operation: 'read', ...(await send(readBeatles)) });
          continue;
        }
        const operation = member ? 'remove' : 'add';
        const changeKey = randomUUID();
        let done = false;
        for (let attempt = 0; attempt <= retriesPerChange && !done && hangs < hangsBeforeGivingUp; attempt++) {
          if (attempt > 0) await pause(retryPauseMs);
          const exchange: Exchange = {
            operation,
            userId,
            ...(await send(member ? removeMember : addMember, { o: api.ids.beatles, u: userId }, changeKey)),
          };
          record(exchange);
          done = succeeded(exchange) || alreadyApplied(exchange);
        }
        if (!done) problems.push(`${operation} of ${userId} (key ${changeKey}): no success after ${retriesPerChange} retries`);
        else member = !member;
      }
      if (hangs >= hangsBeforeGivingUp)
        problems.push(`worker for user ${userId}: gave up after ${hangs} requests in a row without an answer`);
    };
    try {
      await Promise.all(userIds.map(worker));
    } finally {
      clearInterval(killer);
    }
    terminated.push(...(await Promise.all(killed)));

    const reads = exchanges.filter((exchange) => exchange.operation === 'read');
    // CI's PostgreSQL stage prints the drill's figures (FAULT_SUMMARY=1).
    if (process.env.FAULT_SUMMARY) console.log(drillSummary(terminated, exchanges));
    const changes = exchanges.filter((exchange) => exchange.operation !== 'read');
    expect(problems).toEqual([]);
    expect(reads.length, 'reads').toBeGreaterThanOrEqual((workers * roundsPerWorker) / 2);
    expect(new Set(changes.map((exchange) => exchange.changeKey)).size, 'changes made').toBe(reads.length);
    expect(
      terminated.filter((count) => count > 0).length,
      `kills that found backends to terminate (of ${terminated.length})`,
    ).toBeGreaterThanOrEqual(kills - 1);
    expect(changes.filter((exchange) => !succeeded(exchange)).length, 'change attempts caught by a kill').toBeGreaterThan(0);
  });

  it('counts the faults by kind, and the reads it sent again, in its metrics', async () => {
    const text = await (await fetch(new URL('/metrics', api.server.url))).text();
    const value = (series: string) =>
      Number(
        text
          .split('\n')
          .find((line) => line.startsWith(`${series} `))
          ?.split(' ')[1] ?? NaN,
      );
    const terminated = value('rolegate_db_connection_faults_total{kind="terminated"}');
    const retried = value('rolegate_db_retried_statements_total');
    expect(terminated, 'terminated connections').toBeGreaterThan(0);
    // Whether a read met a dead connection depends on timing (the pool often hears of the kill first):
    // counted, and never more than the faults it followed.
    const faults = ['terminated', 'refused', 'timeout', 'saturated', 'broken'].reduce(
      (sum, kind) => sum + value(`rolegate_db_connection_faults_total{kind="${kind}"}`),
      0,
    );
    expect(Number.isInteger(retried) && retried <= faults, `reads sent again: ${retried} of ${faults} faults`).toBe(true);
  });

  it('serves again without a restart', { timeout: 60_000 }, async () => {
    expect(await pollUntil(readSucceeds), 'a read succeeded within the polls').toBeDefined();
    const next = await Promise.all(Array.from({ length: 10 }, () => send(readBeatles)));
    expect(
      next.map(
        (exchange) => problemWith({ operation: 'read', ...exchange }) ?? (succeeded({ operation: 'read', ...exchange }) ? 'ok' : 'error'),
      ),
    ).toEqual(next.map(() => 'ok'));
  });

  it('half-applies no access change: each success has its audit entry, and each user its membership as audited', async () => {
    const client = new pg.Client({ connectionString: api.databaseUrl });
    await client.connect();
    try {
      const changes = exchanges.filter((exchange) => exchange.operation !== 'read');
      const { rows: entries } = await client.query<{ request_id: string; target_user_id: string; action: string }>(
        `select request_id, target_user_id, action from audit_log_entries
         where organization_id = $1 and target_user_id = any($2::uuid[]) order by created_at, id`,
        [api.ids.beatles, userIds],
      );
      const { rows: memberships } = await client.query<{ user_id: string }>(
        `select user_id from role_assignments where resource_type = 'organization' and resource_id = $1 and user_id = any($2::uuid[])`,
        [api.ids.beatles, userIds],
      );
      const { rows: versions } = await client.query<{ id: string; authz_version: number }>(
        'select id, authz_version from users where id = any($1::uuid[])',
        [userIds],
      );
      const found: string[] = [];
      const entriesOf = (requestId: string) => entries.filter((entry) => entry.request_id === requestId).length;
      const attemptsOf = new Map<string, Exchange[]>();
      for (const change of changes) attemptsOf.set(change.changeKey ?? '', [...(attemptsOf.get(change.changeKey ?? '') ?? []), change]);
      for (const [changeKey, attempts] of attemptsOf) {
        const audited = attempts.reduce((sum, attempt) => sum + entriesOf(attempt.requestId), 0);
        if (audited !== 1)
          found.push(`${attempts[0]?.operation} (key ${changeKey}): ${audited} audit entries over ${attempts.length} attempts`);
      }
      const sentIds = new Set(changes.map((change) => change.requestId));
      for (const entry of entries)
        if (!sentIds.has(entry.request_id)) found.push(`audit entry ${entry.action} from no change sent (${entry.request_id})`);
      for (const userId of userIds) {
        const actions = entries.filter((entry) => entry.target_user_id === userId).map((entry) => entry.action);
        const alternating = actions.every((action, index) => action === (index % 2 === 0 ? 'membership.added' : 'membership.removed'));
        if (!alternating) found.push(`user ${userId}: audit entries out of turn: ${actions.join(', ')}`);
        const audited = actions.at(-1) === 'membership.added';
        const member = memberships.some((row) => row.user_id === userId);
        if (audited !== member)
          found.push(`user ${userId}: ${member ? 'a member' : 'not a member'}, but the audit log ends with ${actions.at(-1) ?? 'nothing'}`);
        // A new account starts at version 1.
        const version = versions.find((row) => row.id === userId)?.authz_version;
        if (version !== 1 + actions.length)
          found.push(`user ${userId}: authorization version ${version} after ${actions.length} audited changes`);
      }
      expect(found).toEqual([]);
      expect(entries.length, 'audit entries written by the load').toBeGreaterThan(0);
    } finally {
      await client.end();
    }
  });

  it(
    'says so on /readyz while the database refuses connections, and recovers when it accepts them again',
    { timeout: 60_000 },
    async () => {
      expect((await readyz()).status, 'ready before').toBe(200);
      await allowConnections(false);
      try {
        await terminateBackends();
        const during = [await readyz(), await readyz()];
        expect(during).toEqual(during.map(() => ({ status: 503, checks: { database: 'unavailable', sessionStore: 'ok' } })));
        // Every request in the window: reads, and a change with its key, at once.
        const started = Date.now();
        const answers = await Promise.all([
          ...Array.from({ length: 5 }, async () => ({ operation: 'read' as const, ...(await send(readBeatles)) })),
          (async () => ({
            operation: 'add' as const,
            ...(await send(addMember, { o: api.ids.beatles, u: userIds[0] }, randomUUID())),
          }))(),
        ]);
        expect(answers.map((answer) => [answer.operation, answer.status, answer.body?.errors?.map((error) => error.extensions)])).toEqual(
          answers.map((answer) => [answer.operation, 503, [{ code: 'SERVICE_UNAVAILABLE', retryable: true }]]),
        );
        expect(Date.now() - started, 'answered within the acquire timeout').toBeLessThan(10_000);
      } finally {
        await allowConnections(true);
      }
      expect(await pollUntil(ready), '/readyz back to 200 within the polls').toBeDefined();
      expect(await pollUntil(readSucceeds), 'a read succeeded within the polls').toBeDefined();
    },
  );

  it('still stops: no connection is left checked out of its pool', { timeout: 60_000 }, async () => {
    const stopped = await Promise.race([
      api.stopServer().then(() => 'stopped'),
      pause(answerWithinMs).then(() => `not stopped within ${answerWithinMs} ms`),
    ]);
    expect(stopped).toBe('stopped');
  });
});

describe('a database that never answers', () => {
  let server: { close(): void } | undefined;
  afterAll(() => server?.close());

  it('makes /readyz answer 503 naming the database, rather than wait with it', async () => {
    const db = { em: { fork: () => ({ execute: () => new Promise(() => {}) }) } } as unknown as Database;
    const sessions = { ping: async () => 'PONG' } as unknown as SessionStore;
    const listening = express()
      .use(healthRoutes({ db, sessions, jwks: { keys: [] }, checkTimeoutMs: 100 }))
      .listen(0, '127.0.0.1');
    server = listening;
    await new Promise((resolve) => listening.once('listening', resolve));
    const base = `http://127.0.0.1:${(listening.address() as AddressInfo).port}`;
    const response = await fetch(`${base}/readyz`, { signal: AbortSignal.timeout(answerWithinMs) });
    expect([response.status, ((await response.json()) as { checks: unknown }).checks]).toEqual([
      503,
      { database: 'unavailable', sessionStore: 'ok' },
    ]);
  });
});
