import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { queryByCallback } from '../../src/db/query-by-callback.js';

/**
 * Every way of calling a pooled connection's `query` answers as pg answers it, once the pool runs
 * promise-form queries by callback (src/db/query-by-callback.ts): rows, named statements, callbacks
 * (as an argument or in the config), query objects, and errors. On PostgreSQL only: the embedded
 * database has no pg pool.
 */
describe.skipIf(!process.env.DATABASE_URL)('queries by callback', () => {
  let pool: pg.Pool;
  /** For each call pg's own `query` received: whether it was given a callback. */
  const reachedWithCallback: boolean[] = [];
  beforeAll(() => {
    pool = new pg.Pool({ connectionString: process.env.DATABASE_URL, max: 1 });
    // Registered first, so it wraps pg's own `query`, under the wrapper queryByCallback adds.
    pool.on('connect', (client: pg.PoolClient) => {
      const own = client.query.bind(client) as (...args: unknown[]) => unknown;
      client.query = ((...args: unknown[]) => (
        reachedWithCallback.push(args.some((arg) => typeof arg === 'function')),
        own(...args)
      )) as pg.PoolClient['query'];
    });
    queryByCallback(pool);
  });
  afterAll(async () => {
    await pool?.end();
  });

  type Call = (client: pg.PoolClient) => Promise<unknown>;
  /** The `x` column of a result's rows. */
  const xs = (result: unknown) => (result as pg.QueryResult<{ x: number }>).rows.map((row) => row.x);
  const byCallback = (start: (done: (error: Error | null | undefined, result: unknown) => void) => void) =>
    new Promise((resolve, reject) => start((error, result) => (error ? reject(error) : resolve(result))));

  it.each<[string, Call, number[]]>([
    ['a text', (client) => client.query('select 1 as x'), [1]],
    ['a text and values', (client) => client.query('select $1::int as x', [2]), [2]],
    ['a config', (client) => client.query({ text: 'select $1::int as x', values: [3] }), [3]],
    [
      'a named config, twice',
      async (client) => (
        await client.query({ name: 'qbc', text: 'select $1::int as x', values: [4] }),
        client.query({ name: 'qbc', text: 'select $1::int as x', values: [5] })
      ),
      [5],
    ],
    ['a text and a callback', (client) => byCallback((done) => client.query('select 6 as x', done)), [6]],
    ['a text, values and a callback', (client) => byCallback((done) => client.query('select $1::int as x', [7], done)), [7]],
    [
      'a config carrying its callback',
      (client) => byCallback((done) => client.query({ text: 'select 8 as x', callback: done } as pg.QueryConfig)),
      [8],
    ],
    ['a query object', (client) => byCallback((done) => client.query(new pg.Query('select 9 as x', [], done))), [9]],
  ])('%s', async (_name, call, expected) => {
    const client = await pool.connect();
    try {
      expect(xs(await call(client))).toEqual(expected);
    } finally {
      client.release();
    }
  });

  it('a promise-form call reaches pg with a callback', async () => {
    const client = await pool.connect();
    try {
      reachedWithCallback.length = 0;
      await client.query('select 1 as x');
      await client.query({ text: 'select 1 as x' });
      expect(reachedWithCallback).toEqual([true, true]);
    } finally {
      client.release();
    }
  });

  it.each<[string, Call]>([
    ['a promise', (client) => client.query('selec 1')],
    ['a callback', (client) => byCallback((done) => client.query('selec 1', done))],
  ])('a statement PostgreSQL refuses, by %s: its error, and the connection still serves', async (_name, call) => {
    const client = await pool.connect();
    try {
      await expect(call(client)).rejects.toMatchObject({ code: '42601' });
      expect(xs(await client.query('select 10 as x'))).toEqual([10]);
    } finally {
      client.release();
    }
  });
});
