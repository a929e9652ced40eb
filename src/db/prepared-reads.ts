import { createHash } from 'node:crypto';
import type { Pool, PoolClient, QueryResult } from 'pg';
import { connectionFaultOf } from './connection-faults.js';
import { readsOnly } from './read-statement.js';

/** The part of MikroORM's SQL connection a read goes through (`em.execute`), and where it gets its pool and logs. */
interface ExecutingConnection {
  execute(query: unknown, params?: unknown, method?: string, ctx?: unknown, loggerContext?: unknown): Promise<unknown>;
  executeQuery<T>(query: string, cb: () => Promise<T>, context?: object): Promise<T>;
  getNativeClient(): Promise<unknown>;
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
}

/** SQLSTATE class 42 (a parameter whose type PostgreSQL cannot infer, say): the text is read as before, with its values inlined. */
const cannotPrepare = (error: unknown) => /^42/.test(String((error as { code?: unknown } | null)?.code ?? ''));

/** A plan prepared before a migration changed a table it reads (`select *`): that connection is discarded. */
const staleResultType = (error: unknown) =>
  (error as { code?: unknown } | null)?.code === '0A000' &&
  /cached plan must not change result type/.test(String((error as Error).message));

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
 * Reads outside a transaction become named prepared statements with their values bound, instead of
 * text with the values inlined (MikroORM's way). PostgreSQL plans a text once per connection and,
 * once it sees that the plan does not depend on the values, reuses a generic plan: the permission
 * reads are joins over roles, grants and assignments whose planning cost several times their
 * execution. Writes, statements in a transaction, and reads whose values or text do not bind one to
 * one (dates, arrays, `??`) go the usual way, as does a text PostgreSQL cannot prepare (class 42:
 * it is then never tried again). A plan made stale by a migration discards its connection and the
 * read goes the usual way.
 */
export function prepareReads(connection: ExecutingConnection, options: PreparedReadsOptions = {}): void {
  const { onQuery = () => {}, maxTexts = 500 } = options;
  const execute = connection.execute.bind(connection);
  const prepared = new Map<string, PreparedText | null>();
  let pool: Promise<Pool> | undefined;

  const preparedTextOf = (sql: string, params: readonly unknown[]): PreparedText | undefined => {
    const known = prepared.get(sql);
    if (known !== undefined) return known ?? undefined;
    if (prepared.size >= maxTexts || !readsOnly(sql)) return undefined;
    const text = numbered(sql, params.length);
    const entry = text === undefined ? null : { name: `rg_${createHash('sha256').update(text).digest('base64url').slice(0, 32)}`, text };
    prepared.set(sql, entry);
    return entry ?? undefined;
  };

  connection.execute = async (query, params = [], method = 'all', ctx, loggerContext) => {
    const statement =
      ctx === undefined && typeof query === 'string' && Array.isArray(params) && (method === 'all' || method === 'get') && bindable(params)
        ? preparedTextOf(query, params)
        : undefined;
    if (!statement) return execute(query, params, method, ctx, loggerContext);
    pool ??= connection.getNativeClient() as Promise<Pool>;
    const client: PoolClient = await (await pool).connect();
    let result: QueryResult;
    try {
      onQuery(query as string);
      result = await connection.executeQuery(
        statement.text,
        () => client.query({ name: statement.name, text: statement.text, values: params as unknown[] }),
        {
          query,
          params,
        },
      );
    } catch (error) {
      const stale = staleResultType(error);
      client.release(stale || connectionFaultOf(error) ? (error as Error) : undefined);
      if (cannotPrepare(error)) prepared.set(query as string, null);
      if (stale || cannotPrepare(error)) return execute(query, params, method, ctx, loggerContext);
      throw error;
    }
    client.release();
    return method === 'get' ? result.rows[0] : result.rows;
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
