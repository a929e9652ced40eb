import type { Pool, PoolClient } from 'pg';

/** pg's `query` as a pooled connection has it, whatever its arguments. */
type Query = (config: unknown, values?: unknown, callback?: unknown) => unknown;

/**
 * Makes each connection of the pool run its promise-form queries (`query(text, values)` and
 * `query(config)`, as Kysely, MikroORM and the prepared reads send them) through pg's callback
 * form, under a promise of ours. pg's promise form makes the query first and gives it its callback
 * afterwards, and V8 then keeps every such query, with its rows and all a request built from them,
 * through young-generation collections until a full one: on the lean list of 100 repositories, two
 * thirds of the rows went into the old generation (docs/contributors.md, "A map per request"). Calls
 * with a callback, a config carrying one, or a query object (a cursor) are passed on as they came.
 */
export function queryByCallback(pool: Pool): void {
  pool.on('connect', (client: PoolClient) => {
    const query = client.query.bind(client) as Query;
    client.query = ((config: unknown, values?: unknown, callback?: unknown) => {
      const given = config as { submit?: unknown; callback?: unknown } | null | undefined;
      if (
        typeof values === 'function' ||
        typeof callback === 'function' ||
        typeof given?.submit === 'function' ||
        typeof given?.callback === 'function'
      ) {
        return query(config, values, callback);
      }
      return new Promise((resolve, reject) => {
        query(config, values, (error: Error | null, result: unknown) => (error ? reject(error) : resolve(result)));
      });
    }) as PoolClient['query'];
  });
}
