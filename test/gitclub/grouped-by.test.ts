import { describe, expect, it } from 'vitest';
import { groupedBy } from '../../src/gitclub/batch-loaders.js';

/** What a batch loader answers for each id of its batch: that id's rows, in the order the statement gave them. */
describe('groupedBy', () => {
  type Row = { readonly key: string | null; readonly n: number };
  const rows: Row[] = [
    { key: 'a', n: 1 },
    { key: 'b', n: 2 },
    { key: 'a', n: 3 },
    { key: null, n: 4 },
    { key: 'z', n: 5 },
    { key: 'a', n: 6 },
  ];
  const cases: [string, string[], Row[], number[][]][] = [
    ['each id its rows, in their order', ['a', 'b'], rows, [[1, 3, 6], [2]]],
    ['the ids in the order asked, not the rows’', ['b', 'a'], rows, [[2], [1, 3, 6]]],
    ['an id without rows: an empty list', ['a', 'c'], rows, [[1, 3, 6], []]],
    ['rows of ids not asked for, and rows without a key, are left out', ['z'], rows, [[5]]],
    ['no rows', ['a'], [], [[]]],
  ];
  it.each(cases)('%s', (_name, ids, given, expected) => {
    expect(groupedBy(ids, given, (row) => row.key).map((group) => group.map((row) => row.n))).toEqual(expected);
  });
});
