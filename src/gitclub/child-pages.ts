import DataLoader from 'dataloader';
import { sqlArray } from '../db/sql-array.js';
import type { BatchWrapper } from './batch-sizes.js';

/** One parent's request for a page of its children: which parent, which filter, where the page starts and how many rows. */
export interface ChildPageKey {
  readonly parentId: string;
  /** What else selects the children (an issue state, say), as a string; '' for none. */
  readonly filter: string;
  /** The sort key to start after, already validated; undefined for a first page. */
  readonly after: string | undefined;
  /** Rows to fetch (the page size plus one, which tells whether there is a next page). */
  readonly limit: number;
}

/** What a list asks of one statement: the parents, and the filter, start and size they share. */
export interface ChildPageGroup {
  readonly parentIds: readonly string[];
  readonly filter: string;
  readonly after: string | undefined;
  readonly limit: number;
}

/**
 * Pages of child rows (a repository's issues, its workflow runs) for many parents at once. Keys
 * of one batch asking the same page (same filter, start and size: a list of parents asks the
 * same of each) cost one statement together: `loadGroup` returns each row with its parent, in
 * page order, at most `limit` per parent (`pagePerParent`).
 */
export function childPagesLoader<T>(
  loadGroup: (group: ChildPageGroup) => Promise<readonly { readonly parentId: string; readonly row: T }[]>,
  /** Wraps the batch function (to observe batch sizes). */
  observe: BatchWrapper = (load) => load,
): DataLoader<ChildPageKey, T[], string> {
  return new DataLoader(
    observe(async (keys: readonly ChildPageKey[]) => {
      const groups = new Map<string, ChildPageKey[]>();
      for (const key of keys) {
        const groupKey = JSON.stringify([key.filter, key.after ?? null, key.limit]);
        groups.set(groupKey, [...(groups.get(groupKey) ?? []), key]);
      }
      const pages = new Map<ChildPageKey, T[]>();
      for (const members of groups.values()) {
        const [{ filter, after, limit }] = members as [ChildPageKey];
        const rows = await loadGroup({ parentIds: [...new Set(members.map((key) => key.parentId))], filter, after, limit });
        // One pass over the rows (a list of 100 parents may bring 100 rows each), not one per parent.
        const byParent = new Map<string, T[]>();
        for (const entry of rows) {
          const page = byParent.get(entry.parentId);
          if (page) page.push(entry.row);
          else byParent.set(entry.parentId, [entry.row]);
        }
        for (const key of members) pages.set(key, byParent.get(key.parentId) ?? []);
      }
      return keys.map((key) => pages.get(key) ?? []);
    }),
    { cacheKeyFn: (key) => JSON.stringify([key.parentId, key.filter, key.after ?? null, key.limit]) },
  );
}

/** One parent's request for the number of its children under a filter. */
export interface ChildCountKey {
  readonly parentId: string;
  readonly filter: string;
}

/**
 * Child counts (a connection's `totalCount`) for many parents at once: one statement per filter
 * in a batch (`select parent, count(*) ... group by parent`); parents without children count 0.
 */
export function childCountLoader(
  countGroup: (parentIds: readonly string[], filter: string) => Promise<ReadonlyMap<string, number>>,
  /** Wraps the batch function (to observe batch sizes). */
  observe: BatchWrapper = (load) => load,
): DataLoader<ChildCountKey, number, string> {
  return new DataLoader(
    observe(async (keys: readonly ChildCountKey[]) => {
      const filters = [...new Set(keys.map((key) => key.filter))];
      const counts = new Map<string, ReadonlyMap<string, number>>();
      for (const filter of filters) {
        const parentIds = [...new Set(keys.filter((key) => key.filter === filter).map((key) => key.parentId))];
        counts.set(filter, await countGroup(parentIds, filter));
      }
      return keys.map((key) => counts.get(key.filter)?.get(key.parentId) ?? 0);
    }),
    { cacheKeyFn: (key) => JSON.stringify([key.parentId, key.filter]) },
  );
}

/** A piece of SQL with its parameters, in order. */
export interface SqlCondition {
  readonly sql: string;
  readonly params: readonly unknown[];
}

/**
 * A SQL condition as the `filter` of a child key: keys of one batch with the same condition (a
 * viewer's role is usually the same in many organizations) share one statement. The condition is
 * the server's own SQL; what clients send travels only in its parameters. A text seen before is
 * named by its number (`conditionTexts`), so a key is short and made without escaping the SQL.
 */
export function sqlFilter(condition: SqlCondition): string {
  let number = conditionNumbers.get(condition.sql);
  if (number === undefined && conditionTexts.length < maxConditionTexts) {
    number = conditionTexts.push(condition.sql) - 1;
    conditionNumbers.set(condition.sql, number);
  }
  return JSON.stringify([number ?? condition.sql, condition.params]);
}

/** The condition a `sqlFilter` carries. */
export function sqlFilterCondition(filter: string): SqlCondition {
  const [sql, params] = JSON.parse(filter) as [string | number, unknown[]];
  const text = typeof sql === 'number' ? conditionTexts[sql] : sql;
  if (text === undefined) throw new Error(`No SQL condition is numbered ${sql}.`);
  return { sql: text, params };
}

/**
 * The condition texts `sqlFilter` has named, by number. The server builds them from its policy
 * (a few dozen), never from what clients send; past the cap a text travels whole in its key.
 */
const conditionTexts: string[] = [];
const conditionNumbers = new Map<string, number>();
const maxConditionTexts = 1000;

/** The parts of a statement reading a page of children for each parent of a group (see `pagePerParent`). */
export interface PagePerParentParts {
  /** The columns read (`r.*, ...`), the parent column among them (rows are told apart by it). */
  readonly columns: string;
  /** Tables and joins (`repositories r join organizations o on ...`). */
  readonly from: string;
  /** The values of the `?` marks in `columns`, then in `from`. */
  readonly leadingParams?: readonly unknown[];
  /** The parent column, qualified (`r.organization_id`). */
  readonly parentColumn: string;
  /** The other conditions, each starting with `and` ('' for none). */
  readonly conditions: string;
  /** The values of the `?` marks in `conditions`. */
  readonly conditionParams?: readonly unknown[];
  /** The order within one parent (`r.name`, `a.created_at desc, a.id desc`): an index should give it. */
  readonly orderBy: string;
}

/**
 * The statement reading, for each parent, at most `limit` children in page order, and its values.
 * One parent (a list under one organization, say: the common case) reads with a plain
 * `order by ... limit`. Several read theirs in one statement still, each parent's page by its own
 * `order by ... limit` (`cross join lateral`): an index on the parent and the order reads `limit`
 * rows per parent, however many children a parent has. Ranking all of the parents' children with
 * `row_number()` instead read every one of them: the first 5 issues of 50 repositories holding
 * 316,893 between them took 155 ms that way, 0.55 ms this way.
 */
export function pagePerParent(
  parts: PagePerParentParts,
  parentIds: readonly string[],
  limit: number,
): { readonly sql: string; readonly params: readonly unknown[] } {
  const leading = parts.leadingParams ?? [];
  const conditions = parts.conditionParams ?? [];
  if (parentIds.length === 1) {
    return {
      sql: `select ${parts.columns} from ${parts.from} where ${parts.parentColumn} = ?::uuid ${parts.conditions}
        order by ${parts.orderBy} limit ?`,
      params: [...leading, parentIds[0], ...conditions, limit],
    };
  }
  return {
    sql: `select page.* from unnest(?::uuid[]) with ordinality as page_parent(id, position)
      cross join lateral (
        select ${parts.columns}, row_number() over (order by ${parts.orderBy}) as page_position
        from ${parts.from} where ${parts.parentColumn} = page_parent.id ${parts.conditions}
        order by ${parts.orderBy} limit ?) page
      order by page_parent.position, page.page_position`,
    params: [sqlArray(parentIds), ...leading, ...conditions, limit],
  };
}
