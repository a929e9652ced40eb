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

/** Sends one prepared read: its rows, or `usualWay`. `cannotPrepare` marks the text as never to be prepared again. */
type PreparedRunner = (
  statement: PreparedText,
  params: readonly unknown[],
  cannotPrepare: () => void,
) => Promise<readonly Record<string, unknown>[] | typeof usualWay>;

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

/** SQLSTATE class 42 (a parameter whose type PostgreSQL cannot infer, say): the text is read as before, with its values inlined. */
const cannotPrepare = (error: unknown) => sqlState(error).startsWith('42');

/** The session lost the statement (26000: the embedded database was opened again): prepared anew next time. */
const statementGone = (error: unknown) => sqlState(error) === '26000';

/** A plan prepared before a migration changed a table it reads (`select *`): that connection is discarded. */
const staleResultType = (error: unknown) =>
  sqlState(error) === '0A000' && /cached plan must not change result type/.test(String((error as Error).message));

/** Values bound as parameters exactly as MikroORM would inline them: text, numbers, booleans and null (no dates, arrays or objects). */
function bindable(params: readonly unknown[]): boolean {
  return params.every(
    (value) =>
      value === null || typeof value === 'string' || typeof value === 'boolean' || (typeof value === 'number' && Number.isFinite(value)),
  );
}

/** The text with each `?` numbered (`$1`, `$2`...), or undefined when it holds MikroORM's `??` (an identifier) or `\?` (a literal mark). */
function numbered(sql: string, count: number): string | undefined {
  if (sql.includes('??') || sql.includes('\\?')) return undefined;
  const pieces = sql.split('?');
  if (pieces.length - 1 !== count) return undefined;
  return pieces.reduce((text, piece, index) => (index === 0 ? piece : `${text}$${index}${piece}`));
}

/**
 * Reads outside a transaction become prepared statements with their values bound, instead of text
 * with the values inlined (MikroORM's way). PostgreSQL plans a text once per connection and keeps
 * the plan (`planPreparedReadsOnce`): the permission reads are joins over roles, grants and
 * assignments whose planning cost several times their execution (in the embedded database, 1.4 ms
 * of a role-facts read's 2 ms). Writes, statements in a transaction, and reads whose values or text
 * do not bind one to one (dates, arrays, `??`) go the usual way, as does a text PostgreSQL cannot
 * prepare (class 42: it is then never tried again). A plan made stale by a migration is dropped (on
 * PostgreSQL with its connection) and the read goes the usual way.
 */
export function prepareReads(connection: PreparedReadsConnection, options: PreparedReadsOptions = {}): void {
  const { onQuery = () => {}, maxTexts = 500 } = options;
  const execute = connection.execute.bind(connection);
  const run = options.on === 'session' ? sessionRunner(connection) : poolRunner(connection);
  const prepared = new Map<string, PreparedText | null>();

  const preparedTextOf = (sql: string, params: readonly unknown[]): PreparedText | undefined => {
    const known = prepared.get(sql);
    if (known !== undefined) return known ?? undefined;
    if (prepared.size >= maxTexts || !readsOnly(sql)) return undefined;
    const text = numbered(sql, params.length);
    // Hexadecimal: a name SQL's PREPARE takes unquoted.
    const entry = text === undefined ? null : { name: `rg_${createHash('sha256').update(text).digest('hex').slice(0, 40)}`, text };
    prepared.set(sql, entry);
    return entry ?? undefined;
  };

  connection.execute = async (query, params = [], method = 'all', ctx, loggerContext) => {
    const statement =
      ctx === undefined && typeof query === 'string' && Array.isArray(params) && (method === 'all' || method === 'get') && bindable(params)
        ? preparedTextOf(query, params)
        : undefined;
    if (!statement) return execute(query, params, method, ctx, loggerContext);
    onQuery(query as string);
    const rows = await connection.executeQuery(
      // Logged (and traced) as MikroORM logs its own: the text with `?` marks, no values.
      query as string,
      () => run(statement, params as unknown[], () => prepared.set(query as string, null)),
      { query, params },
    );
    if (rows === usualWay) return execute(query, params, method, ctx, loggerContext);
    return method === 'get' ? rows[0] : rows;
  };
}

/** PostgreSQL: a connection from the pool (its acquire guards apply), the statement named on the protocol. */
function poolRunner(connection: PreparedReadsConnection): PreparedRunner {
  let pool: Promise<Pool> | undefined;
  return async (statement, params, markUnpreparable) => {
    pool ??= connection.getNativeClient() as Promise<Pool>;
    const client: PoolClient = await (await pool).connect();
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

/**
 * The embedded database: MikroORM's own client (so each statement goes where MikroORM's would, in
 * the same order), a text prepared once per session (`PREPARE`, not counted as a statement, as a
 * named Parse is not on PostgreSQL), then `EXECUTE name(values)`.
 */
function sessionRunner(connection: PreparedReadsConnection): PreparedRunner {
  const client = () => connection.getClient() as StatementClient;
  const declared = new Map<string, Promise<void>>();
  const declare = (statement: PreparedText): Promise<void> => {
    let declaring = declared.get(statement.name);
    if (!declaring) {
      declaring = client()
        .executeQuery(compiled(`prepare ${statement.name} as ${statement.text}`, []))
        .then(() => undefined);
      declared.set(statement.name, declaring);
      declaring.catch(() => declared.delete(statement.name));
    }
    return declaring;
  };
  return async (statement, params, markUnpreparable) => {
    try {
      await declare(statement);
    } catch (error) {
      if (!cannotPrepare(error)) throw error;
      markUnpreparable();
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
      if (staleResultType(error))
        await client()
          .executeQuery(compiled(`deallocate ${statement.name}`, []))
          .catch(() => undefined);
      return usualWay;
    }
  };
}

/**
 * Each new connection of the pool keeps one plan per prepared read (`plan_cache_mode =
 * force_generic_plan`). Left to choose, PostgreSQL plans the role-facts read anew on every call
 * (0.4 ms, eight times its execution): it judges the generic plan of `id = any($1)` costlier
 * because it cannot know the array's length, while the plan it would keep is the one it picks
 * anyway (the primary key's index). The setting only touches plans kept for parameters: those of
 * `prepareReads` (MikroORM's text carries its values inlined) and of PL/pgSQL functions (the
 * schema's one trigger function runs no query). A server that refuses the setting (before
 * PostgreSQL 12) plans as it likes.
 */
export function planPreparedReadsOnce(pool: Pool): void {
  pool.on('connect', (client: PoolClient) => {
    // Queued before anything the pool's borrower sends on this connection.
    client.query('set plan_cache_mode = force_generic_plan').catch(() => {});
  });
}

/**
 * The embedded database's one session keeps one plan per prepared read, for the reason
 * `planPreparedReadsOnce` gives. Set once when the database opens, before any request: a `SET`
 * sent later could land in a request's transaction and be rolled back with it.
 */
export async function planSessionReadsOnce(connection: Pick<PreparedReadsConnection, 'getClient'>): Promise<void> {
  await (connection.getClient() as StatementClient).executeQuery(compiled('set plan_cache_mode = force_generic_plan', []));
}
