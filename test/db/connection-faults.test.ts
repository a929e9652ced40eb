import { describe, expect, it } from 'vitest';
import { connectionFaultOf, markConnectionFault, type ConnectionFault } from '../../src/db/connection-faults.js';
import { retryLostReads } from '../../src/db/retry-lost-reads.js';
import { DatabaseUnavailableError } from '../../src/errors/database-unavailable.js';
import { runUnitOfWork, type UnitOfWorkScope } from '../../src/gitclub/access-changes.js';
import type { EntityManager } from '../../src/db/database.js';
import type { IdempotencyClaim } from '../../src/idempotency/idempotency-keys.js';

/** An error as node-postgres or Node raises it: a message, and a code when it has one. */
function driverError(message: string, code?: string): Error {
  return Object.assign(new Error(message), code ? { code } : {});
}

/** The same error as MikroORM rethrows it: another class, the original's properties copied. */
function ormWrapped(error: Error): Error {
  const wrapped = new Error(error.message);
  for (const name of Object.getOwnPropertyNames(error))
    (wrapped as unknown as Record<string, unknown>)[name] = (error as unknown as Record<string, unknown>)[name];
  return wrapped;
}

const faults: readonly [string, Error, ConnectionFault | undefined][] = [
  ['pg_terminate_backend', driverError('terminating connection due to administrator command', '57P01'), 'terminated'],
  ['a crashed backend', driverError('terminating connection because of crash of another server process', '57P02'), 'terminated'],
  ['the server starting up', driverError('the database system is starting up', '57P03'), 'refused'],
  ['too many connections', driverError('sorry, too many clients already', '53300'), 'refused'],
  ['a connection failure', driverError('connection failure', '08006'), 'broken'],
  ['a socket reset', driverError('read ECONNRESET', 'ECONNRESET'), 'terminated'],
  ['a refused connect', driverError('connect ECONNREFUSED 127.0.0.1:5432', 'ECONNREFUSED'), 'refused'],
  ['a socket closed under the client', driverError('Connection terminated unexpectedly'), 'terminated'],
  ['a connect timeout', driverError('Connection terminated due to connection timeout'), 'timeout'],
  ['no pooled connection in time', driverError('timeout exceeded when trying to connect'), 'timeout'],
  ['a client that failed before', driverError('Client has encountered a connection error and is not queryable'), 'broken'],
  ['a wrapped cause', new Error('query failed', { cause: driverError('x', '57P01') }), 'terminated'],
  ['a marked error', markConnectionFault(new Error('no connection'), 'saturated'), 'saturated'],
  ['a cancelled statement (statement_timeout)', driverError('canceling statement due to statement timeout', '57014'), undefined],
  ['a unique violation', driverError('duplicate key value violates unique constraint', '23505'), undefined],
  ['a syntax error', driverError('syntax error at or near "selec"', '42601'), undefined],
  ['a bug', new TypeError('Cannot read properties of undefined'), undefined],
];

describe('connectionFaultOf: the one place that names a lost connection', () => {
  it.each(faults)('%s is %s', (_name, error, fault) => {
    expect(connectionFaultOf(error)).toBe(fault);
    expect(connectionFaultOf(ormWrapped(error)), 'as MikroORM rethrows it').toBe(fault);
  });
});

/** A connection that fails its first `failures` statements with `error`, and records what it was sent. */
function flakyConnection(failures: number, error: Error = driverError('terminating connection due to administrator command', '57P01')) {
  const sent: string[] = [];
  let left = failures;
  const connection = {
    execute: async (query: unknown, _params?: unknown, _method?: string, _ctx?: unknown) => {
      sent.push(String(query));
      if (left-- > 0) throw error;
      return [{ ok: 1 }];
    },
  };
  const observed: [ConnectionFault, boolean][] = [];
  retryLostReads(connection, (fault, retried) => observed.push([fault, retried]));
  return { connection, sent, observed };
}

// statement, method, in a transaction, failures -> sent how many times, answer
const statements: readonly [string, string, 'all' | 'run', boolean, number, number, 'rows' | 'SERVICE_UNAVAILABLE' | 'driver error'][] = [
  ['a read that lost its connection', 'select * from users', 'all', false, 1, 2, 'rows'],
  ['a read with a CTE', 'with x as (select 1) select * from x', 'all', false, 1, 2, 'rows'],
  ['a parenthesised union', '(select 1) union all (select 2)', 'all', false, 1, 2, 'rows'],
  ['a read that loses two connections', 'select * from users', 'all', false, 2, 3, 'rows'],
  ['a read that loses three connections', 'select * from users', 'all', false, 3, 3, 'SERVICE_UNAVAILABLE'],
  ['a read inside a transaction', 'select * from users', 'all', true, 1, 1, 'SERVICE_UNAVAILABLE'],
  ['an insert', 'insert into users values (1)', 'run', false, 1, 1, 'SERVICE_UNAVAILABLE'],
  ['an update run as a query', 'update users set name = 1 returning id', 'all', false, 1, 1, 'SERVICE_UNAVAILABLE'],
  ['a CTE that deletes', 'with gone as (delete from users returning id) select * from gone', 'all', false, 1, 1, 'SERVICE_UNAVAILABLE'],
  ['a select that locks', 'select * from users for update', 'all', false, 1, 1, 'SERVICE_UNAVAILABLE'],
  ['a select drawing from a sequence', "select nextval('s')", 'all', false, 1, 1, 'SERVICE_UNAVAILABLE'],
  ['an advisory lock', 'select pg_advisory_lock(1)', 'all', false, 1, 1, 'SERVICE_UNAVAILABLE'],
];

describe('retryLostReads: a read sent again up to twice, nothing else', () => {
  it.each(statements)('%s: %s (%s)', async (_name, sql, method, inTransaction, failures, timesSent, answer) => {
    const { connection, sent, observed } = flakyConnection(failures);
    const outcome = await connection.execute(sql, [], method, inTransaction ? {} : undefined).then(
      () => 'rows',
      (error: unknown) => (error instanceof DatabaseUnavailableError ? String(error.extensions.code) : 'driver error'),
    );
    expect([outcome, sent.length]).toEqual([answer, timesSent]);
    expect(observed[0]).toEqual(['terminated', timesSent > 1]);
  });

  it('passes any other error through as it is, unretried', async () => {
    const syntax = driverError('syntax error', '42601');
    const { connection, sent } = flakyConnection(1, syntax);
    await expect(connection.execute('select 1')).rejects.toBe(syntax);
    expect(sent).toHaveLength(1);
  });

  it('answers a read that failed three times as SERVICE_UNAVAILABLE, retryable, HTTP 503 with Retry-After, naming nothing of the database', async () => {
    const { connection } = flakyConnection(3);
    const error = (await connection.execute('select 1').catch((caught: unknown) => caught)) as DatabaseUnavailableError;
    const { http, ...extensions } = error.extensions as { http: { status: number; headers: Map<string, string> } };
    expect([error.message, extensions, http.status, Object.fromEntries(http.headers)]).toEqual([
      'The database cannot be reached right now; try again shortly.',
      { code: 'SERVICE_UNAVAILABLE', retryable: true },
      503,
      { 'retry-after': '1' },
    ]);
  });
});

/**
 * A unit of work whose database fails at one step: in the work itself, or at COMMIT (after the
 * callback returned); with or without an Idempotency-Key that says whether the change committed.
 */
function scopeFailing(
  at: 'work' | 'flush' | 'commit' | 'nowhere',
  claim?: Partial<IdempotencyClaim>,
): { scope: UnitOfWorkScope; published: string[][] } {
  const lost = driverError('terminating connection due to administrator command', '57P01');
  const published: string[][] = [];
  let subscriber: { beforeTransactionCommit?: () => void } = {};
  const tx = {
    execute: async (sql: string) => {
      if (at === 'work') throw lost;
      return sql.startsWith('update users') ? [{ id: 'u1', authz_version: 2, session_version: 1 }] : [];
    },
    getEventManager: () => ({ registerSubscriber: (registered: typeof subscriber) => void (subscriber = registered) }),
  };
  // As MikroORM's: the callback, its flush, then beforeTransactionCommit, then COMMIT.
  const em = {
    transactional: async (callback: (tx: unknown) => Promise<unknown>) => {
      await callback(tx);
      if (at === 'flush') throw lost;
      subscriber.beforeTransactionCommit?.();
      if (at === 'commit') throw lost;
    },
  } as unknown as EntityManager;
  const idempotency = claim && {
    markCommitted: async () => undefined,
    committed: async () => undefined,
    applied: () => undefined,
    uncertain: () => undefined,
    hasApplied: false,
    isUncertain: false,
    ...claim,
  };
  return {
    scope: {
      em,
      actorId: 'actor',
      requestId: 'request',
      publish: async (pending) => void published.push(pending.map(([id]) => id)),
      ...(idempotency ? { idempotency } : {}),
    },
    published,
  };
}

const change = async ({ tx, changed }: { tx: EntityManager; changed: (ids: readonly string[]) => Promise<void> }) => {
  await tx.execute('insert into role_assignments values (1)');
  await changed(['u1']);
  return 'done';
};

// where the connection dies, what the key says -> what the client is told
const outcomes: readonly [string, 'work' | 'flush' | 'commit' | 'nowhere', Partial<IdempotencyClaim> | undefined, string][] = [
  ['no fault', 'nowhere', undefined, 'done, published'],
  ['before COMMIT, no key', 'work', undefined, '503 retryable'],
  ['before COMMIT, with a key', 'work', { committed: async () => true }, '503 retryable'],
  ["in the ORM's last flush, before COMMIT", 'flush', undefined, '503 retryable'],
  ['during COMMIT, no key', 'commit', undefined, '503 outcome unknown'],
  ['during COMMIT, the key says it committed', 'commit', { committed: async () => true }, 'done, published'],
  ['during COMMIT, the key says it did not', 'commit', { committed: async () => false }, '503 retryable'],
  ['during COMMIT, the key cannot be read', 'commit', { committed: async () => undefined }, '503 outcome unknown'],
];

describe('runUnitOfWork: what a change answers when its database goes away', () => {
  it.each(outcomes)('%s: %s', async (_name, at, claim, told) => {
    const { scope, published } = scopeFailing(at, claim);
    const answer = await runUnitOfWork(scope, change as never).then(
      ({ result }) => `${result}, ${published.length ? 'published' : 'not published'}`,
      (error: unknown) => {
        if (!(error instanceof DatabaseUnavailableError)) throw error;
        const extensions = error.extensions as { retryable: boolean; outcome?: string; http: { status: number } };
        return `${extensions.http.status} ${extensions.outcome === 'unknown' ? 'outcome unknown' : extensions.retryable ? 'retryable' : '?'}`;
      },
    );
    expect(answer).toBe(told);
  });
});
