import { describe, expect, it } from 'vitest';
import { formatPairedRatio, pairedRatio } from '../../bench/paired-ratio.js';

/** The bench's ratio between two servers: rounds paired as they ran, then the median of the pairs. */
describe('pairedRatio', () => {
  const cases: readonly [string, number[], number[], string][] = [
    ['equal rounds', [100, 200, 300], [100, 200, 300], '1.00 (1.00-1.00 over 3 pairs)'],
    // Pooled, a slow phase in one of A's rounds reads 0.83; the median of pairs reads what most pairs say.
    ['one slow round of A', [100, 50, 100], [100, 100, 100], '1.00 (0.50-1.00 over 3 pairs)'],
    ['pairs, not pools: a slow minute for both', [90, 45, 90, 90], [100, 50, 100, 100], '0.90 (0.90-0.90 over 4 pairs)'],
    ['an even count takes the middle two', [80, 90, 100, 110], [100, 100, 100, 100], '0.95 (0.80-1.10 over 4 pairs)'],
    ['the shorter side sets the pairs', [100, 100, 100], [50, 50], '2.00 (2.00-2.00 over 2 pairs)'],
    ['a round of B that answered nothing is left out', [100, 100], [0, 100], '1.00 (1.00-1.00 over 1 pairs)'],
    ['no rounds', [], [100], 'n/a'],
  ];
  it.each(cases)('%s', (_name, a, b, expected) => {
    expect(formatPairedRatio(pairedRatio(a, b))).toBe(expected);
  });
});
