import { createHash } from 'node:crypto';
import type { Pool, PoolClient, QueryResult } from 'pg';
import { connectionFaultOf } from './connection-faults.js';
import { readsOnly } from './read-statement.js';

/** The part of MikroORM's SQL connection a read goes through (`em.execute`), and where it gets its pool or session and logs. */
export interface PreparedReadsConnection {
  execute(query: unknown, params?: unknown, method?: string, ctx?: unknown, loggerContext?: unknown): Promise<unknown>;
  executeQuery<T>(query: string, cb: () => Promise<T>, context?: object): Promise<T>;
  getNativeClient(): Promise<unknown>;
  /** The Kysely instance MikroORM sends its own statements through (the embedded database's one session). */
  getClient(): unknown;
  /** Quotes values into SQL text as MikroORM does for every statement it sends. */
  getPlatform(): { formatQuery(sql: string, params: readonly unknown[]): string };
}

/** A read's text as PostgreSQL takes it (`$1` placeholders) and the name it is prepared under on each connection. */
interface PreparedText {
  readonly name: string;
  readonly text: string;
}

/** How reads are prepared. */
export interface PreparedReadsOptions {
  /** Told of each statement sent, as MikroORM's `onQuery` is (tests count statements). */
  readonly onQuery?: (sql: string) => void;
  /**
   * At most this many distinct texts are prepared (each connection keeps a plan per text it ran):
   * 500 by default. The application's reads come in a few dozen shapes (a tour of lists, a
   * repository with its people, and the audit log prepared 11); past the cap a new text is read as
   * before, so no input can make the server prepare without bound.
   */
  readonly maxTexts?: number;
  /**
   * Where the plans live. `pool` (PostgreSQL): on each pooled connection, prepared by the protocol
   * (a named Parse, then Bind and Execute). `session` (embedded PGlite, one session behind
   * MikroORM's own client): SQL `PREPARE` once, then `EXECUTE name(values)`, quoted as MikroORM quotes them.
   */
  readonly on?: 'pool' | 'session';
}

/** What a runner answers when the read must go MikroORM's way this time. */
const usualWay = Symbol('usual way');

/**
 * Sends one prepared statement: its rows, or `usualWay`. `markUnpreparable` marks the text as never
 * to be prepared again. With `transaction` (MikroORM's transaction context, a Kysely transaction),
 * the statement goes through it, on the transaction's connection; a failure there is the
 * transaction's (it is aborted), so it is thrown, never answered `usualWay`.
 */
type PreparedRunner = (
  statement: PreparedText,
  params: readonly unknown[],
  markUnpreparable: () => void,
  transaction?: StatementClient,
) => Promise<readonly Record<string, unknown>[] | typeof usualWay>;

/**
 * Texts a transaction's statements may be prepared under (`preparedInTransaction`). Only texts
 * marked so: in a transaction a text PostgreSQL cannot prepare fails the transaction instead of
 * going the usual way, so its author marks a text known to prepare (and tests it on both databases).
 */
const transactionTexts = new Set<string>();

/**
 * Marks a statement's text (with `?` marks) as one to prepare when it runs in a transaction, as
 * reads outside one are: a write whose planning costs more than its execution (a write that reads
 * the viewer's access in its own statement, see open-issue.ts). Returns the text. Values that do
 * not bind one to one (dates, arrays) send it the usual way, as for reads.
 */
export function preparedInTransaction(sql: string): string {
  transactionTexts.add(sql);
  return sql;
}

/** The part of a Kysely instance a prepared read is sent through: a compiled statement, its rows. */
interface StatementClient {
  executeQuery(query: object): Promise<{ rows: Record<string, unknown>[] }>;
}

/** A statement as Kysely runs it (the shape of its `CompiledQuery.raw`), so that it goes where MikroORM's own statements go. */
function compiled(sql: string, parameters: readonly unknown[]): object {
  return {
    sql,
    parameters,
    query: { kind: 'RawNode', sqlFragments: [sql], parameters: [] },
    queryId: { queryId: 'rolegate-prepared-read' },
  };
}

const sqlState = (error: unknown) => String((error as { code?: unknown } | null)?.code ?? '');

/**
 * A `?` that sizes or starts a page (`limit ?`, `offset ?`) is written into the prepared text as a
 * number, not bound: a kept plan could not know it, and a page's best plan depends on it. The
 * members page of an organization of 5,000 walks the users' login index and stops after 101 rows
 * when the limit is known (0.5 ms), and hashes and sorts all 5,000 when it is not (3.4 ms). Each
 * page size is then a text of its own (pages are at most 101 rows; a value past `maxWrittenPage`
 * goes the usual way).
 */
const pageClause = /\b(?:limit|offset)\s+$/i;
const maxWrittenPage = 1000;

/** How a read's text becomes a prepared one: its pieces around the `?` marks, and which marks are a page's size or start. */
interface TextShape {
  readonly pieces: readonly string[];
  readonly pageMarks: ReadonlySet<number>;
}

/** The shape of a text, or null when it holds MikroORM's `??` (an identifier) or `\?` (a literal mark), or a count of marks other than `count`. */
function shapeOf(sql: string, count: number): TextShape | null {
  if (sql.includes('??') || sql.includes('\\?')) return null;
  const pieces = sql.split('?');
  if (pieces.length - 1 !== count) return null;
  const pageMarks = new Set(pieces.slice(0, -1).flatMap((piece, index) => (pageClause.test(piece) ? [index] : [])));
  return { pieces, pageMarks };
}

/** The text PostgreSQL takes (`$1`... for bound values, page sizes written in) and the values it binds; undefined for a page value that cannot be written in. */
function preparedForm(shape: TextShape, params: readonly unknown[]): { text: string; values: unknown[] } | undefined {
  let text = shape.pieces[0] ?? '';
  const values: unknown[] = [];
  for (const [index, value] of params.entries()) {
    if (shape.pageMarks.has(index)) {
      if (typeof value !== 'number' || !Number.isSafeInteger(value) || value < 0 || value > maxWrittenPage) return undefined;
      text += String(value);
    } else {
      values.push(value);
      text += `$${values.length}`;
    }
    text += shape.pieces[index + 1] ?? '';
  }
  return { text, values };
}

/** SQLSTATE class 42 (a parameter whose type PostgreSQL cannot infer, say): the text is read as before, with its values inlined. */
const cannotPrepare = (error: unknown) => sqlState(error).startsWith('42');

/** The session lost the statement (26000: the embedded database was opened again): prepared anew next time. */
const statementGone = (error: unknown) => sqlState(error) === '26000';

/** A plan prepared before a migration changed a table it reads (`select *`): dropped with its connection (pool) or deallocated (session). */
const staleResultType = (error: unknown) =>
  sqlState(error) === '0A000' && /cached plan must not change result type/.test(String((error as Error).message));

/** Values bound as parameters exactly as MikroORM would inline them: text, numbers, booleans and null (no dates, arrays or objects). */
function bindable(params: readonly unknown[]): boolean {
  return params.every(
    (value) =>
      value === null || typeof value === 'string' || typeof value === 'boolean' || (typeof value === 'number' && Number.isFinite(value)),
  );
}

/**
 * Reads outside a transaction become prepared statements with their values bound, instead of text
 * with the values inlined (MikroORM's way). PostgreSQL parses a text once per connection and, after
 * five executions, keeps a generic plan when it costs no more than planning with the values would
 * (its `plan_cache_mode = auto`, left as it is: forcing generic plans made the members page of an
 * organization of 5,000 plan for an average organization, 40% more database time). The permission
 * reads are joins whose planning cost several times their execution (in the embedded database,
 * 1.4 ms of a role-facts read's 2 ms; `uuidAmong` keeps a batch of one plannable once). Writes,
 * statements in a transaction, and reads whose values or text do not bind one to one (dates,
 * arrays, `??`) go the usual way, as does a text PostgreSQL cannot prepare (class 42: it is then
 * never tried again). A page's size is written in (`pageClause`). A plan made stale by a migration
 * is dropped (on PostgreSQL with its connection) and the read goes the usual way.
 */
export function prepareReads(connection: PreparedReadsConnection, options: PreparedReadsOptions = {}): void {
  const { onQuery = () => {}, maxTexts = 500 } = options;
  const execute = connection.execute.bind(connection);
  const run = options.on === 'session' ? sessionRunner(connection) : poolRunner(connection);
  /** Each read's text as it comes (`?` marks), by that text; null for one that is not a read or cannot be prepared. */
  const shapes = new Map<string, TextShape | null>();
  /** Each prepared text, by the text that came with its page sizes; null for one PostgreSQL could not prepare. */
  const prepared = new Map<string, PreparedText | null>();

  const preparedReadOf = (
    sql: string,
    params: readonly unknown[],
  ): { statement: PreparedText; values: unknown[]; key: string } | undefined => {
    let shape = shapes.get(sql);
    if (shape === undefined) {
      if (shapes.size >= maxTexts) return undefined;
      shape = readsOnly(sql) || transactionTexts.has(sql) ? shapeOf(sql, params.length) : null;
      shapes.set(sql, shape);
    }
    if (!shape) return undefined;
    const key = shape.pageMarks.size === 0 ? sql : `${sql}\u0000${[...shape.pageMarks].map((index) => String(params[index])).join(',')}`;
    const known = prepared.get(key);
    if (known === null) return undefined;
    const form = preparedForm(shape, params);
    if (!form) return undefined;
    if (known) return { statement: known, values: form.values, key };
    if (prepared.size >= maxTexts) return undefined;
    // Hexadecimal: a name SQL's PREPARE takes unquoted.
    const statement = { name: `rg_${createHash('sha256').update(form.text).digest('hex').slice(0, 40)}`, text: form.text };
    prepared.set(key, statement);
    return { statement, values: form.values, key };
  };

  connection.execute = async (query, params = [], method = 'all', ctx, loggerContext) => {
    const preparable =
      typeof query === 'string' &&
      // A marked text outside a transaction goes the usual way: it is a write, and in the embedded database a PREPARE through
      // the session could be awaited by a transaction holding that one session.
      (ctx === undefined ? !transactionTexts.has(query) : transactionTexts.has(query)) &&
      Array.isArray(params) &&
      (method === 'all' || method === 'get') &&
      bindable(params);
    const read = preparable ? preparedReadOf(query, params) : undefined;
    if (!read) return execute(query, params, method, ctx, loggerContext);
    onQuery(query as string);
    const rows = await connection.executeQuery(
      // Logged (and traced) as MikroORM logs its own: the text with `?` marks, no values.
      query as string,
      () => run(read.statement, read.values, () => prepared.set(read.key, null), ctx as StatementClient | undefined),
      { query, params },
    );
    if (rows === usualWay) return execute(query, params, method, ctx, loggerContext);
    return method === 'get' ? rows[0] : rows;
  };
}

/**
 * PostgreSQL: a connection from the pool (its acquire guards apply), the statement named on the
 * protocol. In a transaction, the statement goes through the transaction with its `$n` text, and
 * the transaction's connection names it (`nameMarkedTexts`).
 */
function poolRunner(connection: PreparedReadsConnection): PreparedRunner {
  const names = new Map<string, string>();
  let pool: Promise<Pool> | undefined;
  // At the first prepared statement: each connection as it is taken from the pool from then on (a transaction's
  // connection taken before that sends its statement unnamed, once).
  const poolOf = () =>
    (pool ??= (connection.getNativeClient() as Promise<Pool>).then((native) => {
      native.on('acquire', (client) => nameMarkedTexts(client, names));
      return native;
    }));
  return async (statement, params, markUnpreparable, transaction) => {
    if (transaction) {
      await poolOf();
      names.set(statement.text, statement.name);
      try {
        return (await transaction.executeQuery(compiled(statement.text, params))).rows;
      } catch (error) {
        // Its transaction is aborted either way; the text goes the usual way from now on (a stale plan stays on that
        // connection under its name, never sent again).
        if (cannotPrepare(error) || staleResultType(error)) markUnpreparable();
        throw error;
      }
    }
    const client: PoolClient = await (await poolOf()).connect();
    let result: QueryResult<Record<string, unknown>>;
    try {
      result = await client.query<Record<string, unknown>>({ name: statement.name, text: statement.text, values: [...params] });
    } catch (error) {
      const stale = staleResultType(error);
      client.release(stale || connectionFaultOf(error) ? (error as Error) : undefined);
      if (cannotPrepare(error)) markUnpreparable();
      if (stale || cannotPrepare(error)) return usualWay;
      throw error;
    }
    client.release();
    return result.rows;
  };
}

/** Connections whose `query` names the marked texts. */
const naming = new WeakSet<PoolClient>();

/**
 * Makes a pooled connection send the texts in `names` as named statements: a transaction's
 * statements reach the connection through Kysely, which sends `query(text, values)` unnamed; by
 * name, the connection parses the text once and PostgreSQL keeps its plan. Every other call is
 * passed on as it came.
 */
function nameMarkedTexts(client: PoolClient, names: ReadonlyMap<string, string>): void {
  if (naming.has(client)) return;
  naming.add(client);
  const query = client.query.bind(client) as (...args: unknown[]) => unknown;
  client.query = ((...args: unknown[]) => {
    const [text, values, callback] = args;
    const name = typeof text === 'string' && Array.isArray(values) && callback === undefined ? names.get(text) : undefined;
    return name ? query({ name, text, values }) : query(...args);
  }) as PoolClient['query'];
}

/**
 * The embedded database: MikroORM's own client (so each statement goes where MikroORM's would, in
 * the same order), a text prepared once per session (`PREPARE`, not counted as a statement, as a
 * named Parse is not on PostgreSQL), then `EXECUTE name(values)`.
 */
function sessionRunner(connection: PreparedReadsConnection): PreparedRunner {
  const sessionClient = () => connection.getClient() as StatementClient;
  const declared = new Map<string, Promise<void>>();
  // In a transaction, through it: the session is the transaction's until it ends (PREPARE is not undone by a rollback).
  const declare = (statement: PreparedText, client: StatementClient): Promise<void> => {
    let declaring = declared.get(statement.name);
    if (!declaring) {
      declaring = client.executeQuery(compiled(`prepare ${statement.name} as ${statement.text}`, [])).then(() => undefined);
      declared.set(statement.name, declaring);
      declaring.catch(() => declared.delete(statement.name));
    }
    return declaring;
  };
  return async (statement, params, markUnpreparable, transaction) => {
    const client = () => transaction ?? sessionClient();
    try {
      await declare(statement, client());
    } catch (error) {
      if (!cannotPrepare(error)) throw error;
      markUnpreparable();
      if (transaction) throw error;
      return usualWay;
    }
    // EXECUTE takes no bound parameters (a utility statement): the values are quoted in, as MikroORM quotes them in its
    // text, and coerced to the types PREPARE inferred. Parsing `execute name('...')` costs nothing next to planning the read.
    const values = params.length === 0 ? '' : connection.getPlatform().formatQuery(`(${params.map(() => '?').join(', ')})`, params);
    try {
      return (await client().executeQuery(compiled(`execute ${statement.name}${values}`, []))).rows;
    } catch (error) {
      if (!staleResultType(error) && !statementGone(error)) throw error;
      declared.delete(statement.name);
      if (transaction) {
        // The transaction is aborted: the text goes the usual way from now on, so its name is never declared twice.
        markUnpreparable();
        throw error;
      }
      if (staleResultType(error))
        await client()
          .executeQuery(compiled(`deallocate ${statement.name}`, []))
          .catch(() => undefined);
      return usualWay;
    }
  };
}
