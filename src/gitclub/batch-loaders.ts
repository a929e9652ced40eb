import DataLoader from 'dataloader';
import type { BatchWrapper } from './batch-sizes.js';

/** A loader of rows by id, one `find` per batch; an id without a row loads null. */
export function byIds<T extends { id: string }>(
  find: (ids: readonly string[]) => Promise<T[]>,
  observe: BatchWrapper,
): DataLoader<string, T | null> {
  return new DataLoader(
    observe(async (ids: readonly string[]) => {
      const found = new Map((await find(ids)).map((row) => [row.id, row]));
      return ids.map((id) => found.get(id) ?? null);
    }),
  );
}

/**
 * Groups rows by a key, each id of `ids` getting its rows in their order (none: an empty list): one
 * pass over the rows, where a filter per id would read every row once for each id of the batch.
 */
export function groupedBy<T>(ids: readonly string[], rows: readonly T[], keyOf: (row: T) => string | null): T[][] {
  const groups = new Map<string, T[]>();
  for (const row of rows) {
    const key = keyOf(row);
    if (key === null) continue;
    const group = groups.get(key);
    if (group) group.push(row);
    else groups.set(key, [row]);
  }
  return ids.map((id) => groups.get(id) ?? []);
}
