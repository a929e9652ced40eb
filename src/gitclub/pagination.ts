import { badUserInputError } from '../authz/index.js';

/** Page size when `first` is omitted, and the most one page may hold. */
export const defaultPageSize = 20;
export const maxPageSize = 100;

/** Validated `first`/`after` arguments: how many rows to fetch, and the sort key to start after. */
export interface PageRequest {
  readonly limit: number;
  readonly after: string | undefined;
}

/** Reads and validates connection arguments; BAD_USER_INPUT for a bad `first` or cursor. */
export function pageRequest(args: { first?: number | null; after?: string | null }): PageRequest {
  const limit = args.first ?? defaultPageSize;
  if (!Number.isInteger(limit) || limit < 0 || limit > maxPageSize) {
    throw badUserInputError(`"first" must be between 0 and ${maxPageSize}.`, { argument: 'first' });
  }
  if (args.after == null) return { limit, after: undefined };
  const decoded = Buffer.from(args.after, 'base64url').toString('utf8');
  if (!decoded.startsWith('c:')) throw badUserInputError('"after" is not a cursor this API issued.', { argument: 'after' });
  return { limit, after: decoded.slice(2) };
}

/** An opaque cursor for a sort key. */
export function encodeCursor(sortKey: string): string {
  return Buffer.from(`c:${sortKey}`, 'utf8').toString('base64url');
}

/** A Relay-style connection over rows fetched with `limit + 1` (the extra row tells whether there is a next page). */
export function connection<T>(
  rows: readonly T[],
  page: PageRequest,
  sortKeyOf: (row: T) => string,
  totalCount: () => Promise<number>,
) {
  const nodes = rows.slice(0, page.limit);
  const edges = nodes.map((node) => ({ cursor: encodeCursor(sortKeyOf(node)), node }));
  return {
    edges,
    nodes,
    pageInfo: { hasNextPage: rows.length > page.limit, endCursor: edges.at(-1)?.cursor ?? null },
    totalCount,
  };
}

/** The sort key of rows listed newest first: creation time, then id to break ties. */
export function newestFirstKey(row: { createdAt: Date; id: string }): string {
  return `${row.createdAt.toISOString()}|${row.id}`;
}

/**
 * The condition for rows after a `newestFirstKey` cursor (empty without one); BAD_USER_INPUT for
 * a cursor this API did not issue.
 */
export function afterNewestFirst(after: string | undefined): Record<string, unknown> {
  if (after === undefined) return {};
  const [time, id] = after.split('|');
  if (!time || !id || Number.isNaN(Date.parse(time)) || !/^[0-9a-f-]{36}$/i.test(id)) {
    throw badUserInputError('"after" is not a cursor this API issued.', { argument: 'after' });
  }
  return { $or: [{ createdAt: { $lt: new Date(time) } }, { createdAt: new Date(time), id: { $lt: id } }] };
}
