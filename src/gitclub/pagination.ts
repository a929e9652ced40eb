import { badUserInputError } from '../errors/graphql-errors.js';
import { parseInstant } from './instant-argument.js';

/** Page size when `first` is omitted, and the most one page may hold. */
export const defaultPageSize = 20;
export const maxPageSize = 100;

/** Validated `first`/`after` arguments: how many rows to fetch, and the sort key to start after. */
export interface PageRequest {
  readonly limit: number;
  readonly after: string | undefined;
}

/** The `first` and `after` arguments of a connection field, as GraphQL passes them. */
export interface PageArgs {
  readonly first?: number | null;
  readonly after?: string | null;
}

/** Reads and validates connection arguments; BAD_USER_INPUT for a bad `first` or cursor (see `decodeCursor`). */
export function pageRequest(args: PageArgs): PageRequest {
  const limit = args.first ?? defaultPageSize;
  if (!Number.isInteger(limit) || limit < 0 || limit > maxPageSize) {
    throw badUserInputError(`"first" must be between 0 and ${maxPageSize}.`, { argument: 'first' });
  }
  if (args.after == null) return { limit, after: undefined };
  const after = decodeCursor(args.after);
  if (after === undefined) throw notACursor();
  return { limit, after };
}

// The longest sort key a cursor carries, in bytes (names are at most 100 characters, a newest-first key 61).
const maxSortKeyBytes = 255;
const maxCursorLength = Math.ceil(((2 + maxSortKeyBytes) * 4) / 3);
// No sort key holds a control character; PostgreSQL refuses NUL in text outright.
const controlCharacter = /\p{Cc}/u;

/**
 * The sort key of a cursor this API could have issued (`encodeCursor`), or undefined: too long,
 * not the exact base64url that `encodeCursor` writes (which rules out other alphabets, padding,
 * spare bits and invalid UTF-8, since each decodes to something that encodes differently),
 * without the `c:` prefix, empty, or holding a control character such as NUL. Length first.
 */
function decodeCursor(cursor: string): string | undefined {
  if (cursor.length > maxCursorLength) return undefined;
  const decoded = Buffer.from(cursor, 'base64url').toString('utf8');
  if (!decoded.startsWith('c:') || encodeCursor(decoded.slice(2)) !== cursor) return undefined;
  const sortKey = decoded.slice(2);
  return sortKey === '' || controlCharacter.test(sortKey) ? undefined : sortKey;
}

/** An opaque cursor for a sort key. */
export function encodeCursor(sortKey: string): string {
  return Buffer.from(`c:${sortKey}`, 'utf8').toString('base64url');
}

/**
 * A Relay-style connection over rows fetched with `limit + 1` (the extra row tells whether there
 * is a next page). Edges and cursors are getters, made only when a query selects them (a list
 * asking for `nodes` alone encoded 100 cursors); `totalCount` is counted only when asked, through
 * the connection type's resolver (`countedTotal`), since a field without a resolver reads a plain
 * value (see src/http/plain-field-resolver.ts).
 */
export function connection<T>(rows: readonly T[], page: PageRequest, sortKeyOf: (row: T) => string, totalCount: () => Promise<number>) {
  return new Connection(rows, page, sortKeyOf, totalCount);
}

/**
 * A page of rows, as `connection` makes it. Its getters are the class's, not an object literal's:
 * V8 gives each literal with accessors a map of its own, reachable from a long-lived map through
 * a weak transition that young-generation collections keep, so every page, and the rows its
 * getters hold, lived until the next full collection (see docs/contributors.md, "A map per request").
 */
class Connection<T> {
  readonly nodes: readonly T[];
  readonly pageInfo: PageInfo<T>;
  /** Made once, however many aliases of `edges` a query holds. */
  #edges: readonly Edge<T>[] | undefined;

  constructor(
    rows: readonly T[],
    page: PageRequest,
    private readonly sortKeyOf: (row: T) => string,
    readonly totalCount: () => Promise<number>,
  ) {
    this.nodes = rows.slice(0, page.limit);
    this.pageInfo = new PageInfo(rows.length > page.limit, this.nodes.at(-1), sortKeyOf);
  }

  get edges(): readonly Edge<T>[] {
    return (this.#edges ??= this.nodes.map((node) => new Edge(node, this.sortKeyOf)));
  }
}

/** A connection's `pageInfo`: the cursor of its last row, encoded when asked for. */
class PageInfo<T> {
  constructor(
    readonly hasNextPage: boolean,
    private readonly last: T | undefined,
    private readonly sortKeyOf: (row: T) => string,
  ) {}

  get endCursor(): string | null {
    return this.last === undefined ? null : encodeCursor(this.sortKeyOf(this.last));
  }
}

/** One edge: its row, and its cursor encoded when asked for. */
class Edge<T> {
  constructor(
    readonly node: T,
    private readonly sortKeyOf: (row: T) => string,
  ) {}

  get cursor(): string {
    return encodeCursor(this.sortKeyOf(this.node));
  }
}

/** A connection type's `totalCount` resolver: counts when a query asks for it (`connection`'s `totalCount`). */
export const countedTotal = {
  totalCount: (page: { readonly totalCount: () => Promise<number> }) => page.totalCount(),
};

/** The sort key of rows listed newest first: creation time, then id to break ties. */
export function newestFirstKey(row: { createdAt: Date; id: string }): string {
  return `${row.createdAt.toISOString()}|${row.id}`;
}

// Any UUID PostgreSQL holds, as it writes it: every row id a cursor can carry.
const uuidAsWritten = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

/**
 * The creation time and id of a `newestFirstKey`, or undefined unless the key is exactly what
 * `newestFirstKey` writes: a `toISOString` time within the instants arguments accept (see
 * `parseInstant`), "|", and a lowercase UUID.
 */
function parseNewestFirstKey(sortKey: string): { createdAt: Date; id: string } | undefined {
  const separator = sortKey.indexOf('|');
  const time = sortKey.slice(0, separator);
  const id = sortKey.slice(separator + 1);
  const createdAt = separator < 0 ? undefined : parseInstant(time);
  if (!createdAt || createdAt.toISOString() !== time || !uuidAsWritten.test(id)) return undefined;
  return { createdAt, id };
}

/**
 * The condition for rows after a `newestFirstKey` cursor (empty without one); BAD_USER_INPUT,
 * before any SQL, for a sort key `newestFirstKey` could not have written.
 */
export function afterNewestFirst(after: string | undefined): Record<string, unknown> {
  if (after === undefined) return {};
  const key = newestFirstPosition(after);
  return { $or: [{ createdAt: { $lt: key.createdAt } }, { createdAt: key.createdAt, id: { $lt: key.id } }] };
}

/** Where a `newestFirstKey` cursor points (its row's creation time and id); BAD_USER_INPUT for a key `newestFirstKey` could not have written. */
export function newestFirstPosition(sortKey: string): { createdAt: Date; id: string } {
  const key = parseNewestFirstKey(sortKey);
  if (!key) throw notACursor();
  return key;
}

// Sort keys that are positions in a sequence (issue numbers): digits only, within PostgreSQL's integer.
const sequencePosition = /^(0|[1-9][0-9]{0,9})$/;

/** The position a sequence-number cursor points after; BAD_USER_INPUT for anything `String(number)` could not have written. */
export function sequencePositionOf(sortKey: string): number {
  const position = sequencePosition.test(sortKey) ? Number(sortKey) : Number.NaN;
  if (!(position <= 2_147_483_647)) throw notACursor();
  return position;
}

function notACursor() {
  return badUserInputError('"after" is not a cursor this API issued.', { argument: 'after' });
}
