import pg from 'pg';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { connectionFaultOf } from '../../src/db/connection-faults.js';
import { prepareReads, preparedInTransaction } from '../../src/db/prepared-reads.js';
import { uuidAmong } from '../../src/db/sql-array.js';
import { startTestServer } from '../helpers/test-server.js';
import { embeddedSeededDump } from '../helpers/embedded-template.js';
import type { Database } from '../../src/db/database.js';
import { openGitClubDatabase } from '../../src/gitclub/gitclub-database.js';

/**
 * Reads outside a transaction as named prepared statements (src/db/prepared-reads.ts), on
 * PostgreSQL only (the embedded database takes no named statements), over a pool of one connection
 * so that what that connection prepared can be read back. The usual way (MikroORM's, values
 * inlined) is a stand-in here that records what it was handed.
 */
describe.skipIf(!process.env.DATABASE_URL)('prepared reads', () => {
  let pool: pg.Pool;
  let usual: { query: unknown; params: unknown; method: unknown; ctx: unknown }[];
  let statementsSent: string[];
  let connection: {
    execute(query: unknown, params?: unknown, method?: string, ctx?: unknown): Promise<unknown>;
    executeQuery<T>(query: string, cb: () => Promise<T>): Promise<T>;
    getNativeClient(): Promise<unknown>;
    getClient(): unknown;
    getPlatform(): { formatQuery(sql: string, params: readonly unknown[]): string };
  };

  /** The names and texts the pool's one connection holds prepared. */
  const preparedOnConnection = async () =>
    (await pool.query<{ name: string; statement: string }>('select name, statement from pg_prepared_statements order by prepare_time'))
      .rows;

  beforeAll(() => {
    pool = new pg.Pool({ connectionString: process.env.DATABASE_URL, max: 1 });
    pool.on('error', () => {});
  });
  afterAll(async () => {
    await pool?.end();
  });
  beforeEach(async () => {
    usual = [];
    statementsSent = [];
    await pool.query('deallocate all');
    connection = {
      execute: async (query, params, method, ctx) => {
        usual.push({ query, params, method, ctx });
        return 'the usual way';
      },
      executeQuery: (_query, cb) => cb(),
      getNativeClient: async () => pool,
      getClient: () => undefined,
      getPlatform: () => ({ formatQuery: (sql: string) => sql }),
    };
    prepareReads(connection, { onQuery: (sql) => statementsSent.push(sql), maxTexts: 3 });
  });

  it.each<[string, string, unknown[], unknown[]]>([
    [
      'text and a number',
      `select x from (values ('a'), ('b'), ('c')) v(x) where x <> ? and length(x) < ? order by x limit 5`,
      ['b', 5],
      [{ x: 'a' }, { x: 'c' }],
    ],
    [
      'a boolean and null',
      'select ?::boolean as yes, coalesce(?::text, ?) as fallback',
      [true, null, 'none'],
      [{ yes: true, fallback: 'none' }],
    ],
    ['two values compared with each other', 'select (? = ?) as same', ['read', 'read'], [{ same: true }]],
    ['an array literal for any()', `select 2 = any(?::int[]) as found`, ['{1,2,3}'], [{ found: true }]],
    ['no values', 'select 1 as one', [], [{ one: 1 }]],
  ])('reads %s as a named prepared statement, with the rows the query gives', async (_name, sql, params, rows) => {
    expect(await connection.execute(sql, params, 'all')).toEqual(rows);
    expect(usual).toEqual([]);
    const [prepared] = await preparedOnConnection();
    expect(prepared?.name).toMatch(/^rg_/);
    expect(prepared?.statement).toBe(sql.split('?').reduce((text, piece, index) => `${text}$${index}${piece}`));
    expect(statementsSent).toEqual([sql]);
  });

  it('answers one row for `get`, and prepares a text once however often it is read', async () => {
    for (const login of ['john', 'paul', 'john']) {
      expect(await connection.execute(`select ? as login`.replace('?', '?::text'), [login], 'get')).toEqual({ login });
    }
    expect(await preparedOnConnection()).toHaveLength(1);
  });

  it.each<[string, unknown, unknown[], string?, unknown?]>([
    ['a write', 'update pg_settings set setting = setting where false', [], 'run'],
    ['a read inside a transaction', 'select ? as x', ['a'], 'all', { transaction: true }],
    ['a date (MikroORM inlines it in its own format)', 'select ?::timestamptz as t', [new Date(0)]],
    ['an array (MikroORM spreads it into a list)', 'select 1 where 1 in (?)', [[1, 2]]],
    ['an object', 'select ?::jsonb as j', [{ a: 1 }]],
    ["MikroORM's identifier mark", 'select ?? from pg_class limit 1', ['relname']],
    ['a query builder rather than text', { sql: 'select 1', params: [] }, []],
    ['a count of values that does not match the marks', 'select ? as x', ['a', 'b']],
    [
      'a page larger than 1,000 rows (its size is written into the text)',
      'select x from generate_series(1, 10) x where x > ? order by x limit ?',
      [0, 1001],
    ],
  ])('leaves %s to the usual way', async (_name, query, params, method = 'all', ctx = undefined) => {
    expect(await connection.execute(query, params, method, ctx)).toBe('the usual way');
    expect(usual).toEqual([{ query, params, method, ctx }]);
    expect(await preparedOnConnection()).toEqual([]);
  });

  it("writes a page's size and start into the text, a text per page size: a kept plan could not know them", async () => {
    const sql = 'select x from generate_series(1, 10) x where x > ? order by x limit ? offset ?';
    expect(await connection.execute(sql, [0, 2, 1], 'all')).toEqual([{ x: 2 }, { x: 3 }]);
    expect(await connection.execute(sql, [1, 2, 1], 'all')).toEqual([{ x: 3 }, { x: 4 }]);
    expect(await connection.execute(sql, [0, 3, 0], 'all')).toEqual([{ x: 1 }, { x: 2 }, { x: 3 }]);
    expect(usual).toEqual([]);
    expect((await preparedOnConnection()).map((statement) => statement.statement)).toEqual([
      'select x from generate_series(1, 10) x where x > $1 order by x limit 2 offset 1',
      'select x from generate_series(1, 10) x where x > $1 order by x limit 3 offset 0',
    ]);
  });

  it('goes the usual way, from then on, for a text PostgreSQL cannot prepare (a value of no inferable type)', async () => {
    const sql = 'select ? is null as missing';
    expect(await connection.execute(sql, ['a'], 'all')).toBe('the usual way');
    expect(await connection.execute(sql, ['b'], 'all')).toBe('the usual way');
    expect(usual.map((call) => call.params)).toEqual([['a'], ['b']]);
    // Tried as a prepared statement once only.
    expect(statementsSent).toEqual([sql]);
  });

  it('throws what a statement that can be prepared but fails throws, without going the usual way', async () => {
    await expect(connection.execute('select 1 / ?::int as x', [0], 'all')).rejects.toMatchObject({ code: '22012' });
    expect(usual).toEqual([]);
    // The connection is still good.
    expect(await connection.execute('select ?::int as x', [7], 'all')).toEqual([{ x: 7 }]);
  });

  it('reads past a plan a migration made stale on the usual way, discarding that connection', async () => {
    const table = `prepared_reads_${process.pid}`;
    await pool.query(`drop table if exists ${table}; create table ${table} (a int)`);
    try {
      await pool.query(`insert into ${table} values (1)`);
      const sql = `select * from ${table} where a = ?`;
      expect(await connection.execute(sql, [1], 'all')).toEqual([{ a: 1 }]);
      await pool.query(`alter table ${table} add column b int`);
      expect(await connection.execute(sql, [1], 'all')).toBe('the usual way');
      // A new connection prepares the new shape.
      expect(await connection.execute(sql, [1], 'all')).toEqual([{ a: 1, b: null }]);
    } finally {
      await pool.query(`drop table if exists ${table}`);
    }
  });

  it('throws a connection lost mid-read as a connection fault, and reads on a new one next time', async () => {
    const [{ pid }] = (await pool.query<{ pid: number }>('select pg_backend_pid() as pid')).rows as [{ pid: number }];
    const reading = connection.execute('select pg_sleep(?::float) as slept', [5], 'all').catch((error: unknown) => error);
    const killer = new pg.Client({ connectionString: process.env.DATABASE_URL });
    await killer.connect();
    try {
      // Terminated once the read is under way on it.
      await killer.query(
        `select pg_terminate_backend(pid) from (select pid from pg_stat_activity where pid = $1 and wait_event = 'PgSleep') busy`,
        [pid],
      );
      for (
        let attempt = 0;
        attempt < 50 && (await killer.query('select 1 from pg_stat_activity where pid = $1', [pid])).rowCount;
        attempt++
      ) {
        await killer.query(`select pg_terminate_backend($1), pg_sleep(0.05)`, [pid]);
      }
    } finally {
      await killer.end();
    }
    expect(connectionFaultOf(await reading)).toBeDefined();
    expect(await connection.execute('select ?::int as x', [2], 'all')).toEqual([{ x: 2 }]);
  });

  it('prepares at most `maxTexts` texts; the rest go the usual way', async () => {
    for (const n of [1, 2, 3, 4]) await connection.execute(`select ?::int as x${n}`, [n], 'all');
    expect(await preparedOnConnection()).toHaveLength(3);
    expect(usual.map((call) => call.query)).toEqual(['select ?::int as x4']);
  });
});

describe.skipIf(!process.env.DATABASE_URL)('DATABASE_PREPARED_STATEMENTS', () => {
  it.each([
    ['unset', undefined, true],
    ['true', 'true', true],
    ['false', 'false', false],
  ])('%s: the server reads through prepared statements: %s', async (_name, setting, prepares) => {
    const api = await startTestServer({}, { DATABASE_PREPARED_STATEMENTS: setting });
    try {
      // A read prepared is listed by its own connection while it runs.
      const rows = await api.server.db.em
        .fork()
        .execute<{ name: string }[]>(`select name from pg_prepared_statements where statement like ? || '%'`, [
          'select name from pg_prepared',
        ]);
      expect(rows.length > 0).toBe(prepares);
      expect((await api.gql('john', '{ organization(login: "beatles") { name } }')).data).toEqual({
        organization: { name: 'The Beatles' },
      });
    } finally {
      await api.stop();
    }
  });
});

describe('prepared reads in the embedded database (PGlite, one session)', () => {
  let db: Database;
  let unprepared: Database;
  const sent: string[] = [];
  beforeAll(async () => {
    const pgliteTemplate = await embeddedSeededDump();
    [db, unprepared] = await Promise.all([
      openGitClubDatabase({ pgliteDataDir: 'memory://', pgliteTemplate, onQuery: (sql) => sent.push(sql) }, { seedDemoData: false }),
      openGitClubDatabase({ pgliteDataDir: 'memory://', pgliteTemplate, preparedStatements: false }, { seedDemoData: false }),
    ]);
  }, 60_000);
  afterAll(async () => {
    await Promise.all([db?.close(), unprepared?.close()]);
  });
  beforeEach(() => {
    sent.length = 0;
  });

  /** The texts the session holds prepared that carry `marker`, without `prepare <name> as` (SQL-level statements list the whole PREPARE). */
  const preparedWith = async (database: Database, marker: string) =>
    (
      await database.em
        .fork()
        .execute<{ statement: string }[]>(`select statement from pg_prepared_statements where position(? in statement) > 0`, [marker])
    ).map((row) => row.statement.replace(/^prepare rg_[0-9a-f]{40} as /, ''));

  it.each<[string, string, unknown[], unknown[]]>([
    [
      'text and a number',
      `select /* p1 */ x from (values ('a'), ('b'), ('c')) v(x) where x <> ? and length(x) < ? order by x limit 5`,
      ['b', 5],
      [{ x: 'a' }, { x: 'c' }],
    ],
    [
      'a boolean and null',
      'select /* p2 */ ?::boolean as yes, coalesce(?::text, ?) as fallback',
      [true, null, "it's"],
      [{ yes: true, fallback: "it's" }],
    ],
    [
      'a quote in a value',
      `select /* p3 */ login from users where login = ? or name = ?`,
      ['john', "o'brien'); drop table users; --"],
      [{ login: 'john' }],
    ],
  ])('reads %s prepared once, counted as one statement, with the rows the query gives', async (_name, sql, params, rows) => {
    const marker = /\/\* (p\d) \*\//.exec(sql)?.[1] ?? '';
    expect(await db.em.fork().execute(sql, params)).toEqual(rows);
    expect(await db.em.fork().execute(sql, params)).toEqual(rows);
    expect(sent.filter((text) => text === sql)).toHaveLength(2);
    expect(await preparedWith(db, `/* ${marker} */`)).toEqual([sql.split('?').reduce((text, piece, index) => `${text}$${index}${piece}`)]);
  });

  it.each<[string, string, unknown[]]>([
    ['a value of no inferable type', 'select /* u1 */ ? is null as missing', ['a']],
    ['a date', 'select /* u2 */ ?::timestamptz as t', [new Date(0)]],
  ])('reads %s the usual way, with the same rows', async (_name, sql, params) => {
    const rows = await db.em.fork().execute(sql, params);
    expect(rows).toEqual(await unprepared.em.fork().execute(sql, params));
    expect(await preparedWith(db, '/* u')).toEqual([]);
  });

  it('reads the usual way inside a transaction', async () => {
    await db.em.fork().transactional(async (tx) => {
      expect(await tx.execute('select /* t1 */ ?::int as x', [1])).toEqual([{ x: 1 }]);
    });
    expect(await preparedWith(db, '/* t1 */')).toEqual([]);
  });

  it('reads past a plan a migration made stale, and past a statement the session lost', async () => {
    const em = db.em.fork();
    await em.execute('create table prepared_reads_probe (a int)', [], 'run');
    await em.execute('insert into prepared_reads_probe values (1)', [], 'run');
    const sql = 'select * from prepared_reads_probe where a = ?';
    expect(await em.execute(sql, [1])).toEqual([{ a: 1 }]);
    await em.execute('alter table prepared_reads_probe add column b int', [], 'run');
    expect(await em.execute(sql, [1])).toEqual([{ a: 1, b: null }]);
    expect(await em.execute(sql, [1])).toEqual([{ a: 1, b: null }]);
    await em.execute('deallocate all', [], 'run');
    expect(await em.execute(sql, [1])).toEqual([{ a: 1, b: null }]);
    expect(await em.execute(sql, [1])).toEqual([{ a: 1, b: null }]);
    expect(await preparedWith(db, 'prepared_reads_probe')).toEqual(['select * from prepared_reads_probe where a = $1']);
  });

  it.each([
    ['on', () => db, 1],
    ['off (DATABASE_PREPARED_STATEMENTS=false)', () => unprepared, 0],
  ])('%s: the session holds %s prepared', async (_name, database, count) => {
    await database().em.fork().execute('select /* s1 */ ?::int as x', [1]);
    expect(await preparedWith(database(), '/* s1 */')).toHaveLength(count);
  });

  it('keeps one plan for a lookup of one id (uuidAmong), planned no more after its sixth run', async () => {
    const em = db.em.fork();
    const [john] = await em.execute<{ id: string }[]>(`select id from users where login = 'john'`);
    const among = uuidAmong('u.id', [john?.id ?? '']);
    for (let run = 0; run < 8; run++) {
      expect(await em.execute(`select /* g1 */ u.login from users u where ${among.sql}`, [...among.params])).toEqual([{ login: 'john' }]);
    }
    const [plans] = await em.execute<{ generic_plans: number }[]>(
      `select generic_plans::int from pg_prepared_statements where position(? in statement) > 0`,
      ['/* g1 */'],
    );
    expect(plans?.generic_plans).toBeGreaterThan(0);
  });
});

/**
 * Statements a transaction sends under a text marked `preparedInTransaction` (a write that reads
 * the viewer's access in its own statement) are prepared as reads outside one are: on PostgreSQL
 * named on the transaction's connection, in the embedded database declared through the transaction.
 * Each stage runs this on its own database.
 */
describe('statements marked preparedInTransaction', () => {
  let api: Awaited<ReturnType<typeof startTestServer>>;
  beforeAll(async () => {
    api = await startTestServer();
    const em = api.server.db.em.fork();
    await em.execute('create table if not exists prepared_tx_probe (a int, at timestamptz)', [], 'run');
    // A read first: the pool names the marked texts on each connection it hands out from the first prepared statement on.
    await em.execute('select /* warm */ ?::int as x', [1]);
  });
  afterAll(async () => {
    await api?.stop();
  });

  const marked = preparedInTransaction('insert into prepared_tx_probe (a, at) values (?, ?::timestamptz) returning /* m1 */ a');
  const unmarked = 'insert into prepared_tx_probe (a, at) values (?, ?::timestamptz) returning /* m2 */ a';
  /** Inside the transaction, so on its connection: what it holds prepared carrying `marker`. */
  const preparedIn = async (tx: { execute: Database['em']['execute'] }, marker: string) =>
    (
      await tx.execute<{ n: number }[]>(`select count(*)::int as n from pg_prepared_statements where position(? in statement) > 0`, [
        marker,
      ])
    )[0]?.n;

  it.each([
    { text: 'marked', sql: marked, marker: '/* m1 */', at: '2026-01-01T00:00:00.000Z', prepared: 1 },
    { text: 'unmarked', sql: unmarked, marker: '/* m2 */', at: '2026-01-01T00:00:00.000Z', prepared: 0 },
    { text: 'marked, with a Date value', sql: marked.replace('m1', 'm3'), marker: '/* m3 */', at: new Date(0), prepared: 0 },
  ])('$text: answers the rows, counted once, prepared $prepared', async ({ sql, marker, at, prepared }) => {
    if (sql.includes('m3')) preparedInTransaction(sql);
    api.queries.reset();
    await api.server.db.em.fork().transactional(async (tx) => {
      expect(await tx.execute(sql, [7, at])).toEqual([{ a: 7 }]);
      expect(api.queries.statements.filter((text) => text === sql)).toHaveLength(1);
      expect(await preparedIn(tx, marker)).toBe(prepared);
    });
  });

  it('a marked write rolled back writes nothing; the next transaction runs it again', async () => {
    const em = api.server.db.em.fork();
    await expect(
      em.transactional(async (tx) => {
        await tx.execute(marked, [41, '2026-01-01T00:00:00.000Z']);
        throw new Error('rolled back');
      }),
    ).rejects.toThrow('rolled back');
    expect(await em.execute('select a from prepared_tx_probe where a = 41')).toEqual([]);
    await em.transactional((tx) => tx.execute(marked, [42, '2026-01-01T00:00:00.000Z']));
    expect(await em.execute('select a from prepared_tx_probe where a = 42')).toEqual([{ a: 42 }]);
  });
});
