import { seededRandom } from '../../src/db/seeded-random.js';

export { seededRandom };

/** A shuffled copy of `items` (Fisher-Yates). */
export function shuffled<T>(items: readonly T[], random: () => number): T[] {
  const copy = [...items];
  for (let index = copy.length - 1; index > 0; index--) {
    const other = Math.floor(random() * (index + 1));
    [copy[index], copy[other]] = [copy[other] as T, copy[index] as T];
  }
  return copy;
}

/**
 * Deals `perHand` items to each of `hands` hands from one shuffled deck, cycling when it runs out:
 * every item is dealt before any is dealt twice. With `perHand` undefined, every hand gets them all.
 */
export function deal<T>(items: readonly T[], hands: number, perHand: number | undefined, random: () => number): T[][] {
  if (perHand === undefined) return Array.from({ length: hands }, () => [...items]);
  const deck = shuffled(items, random);
  return Array.from({ length: hands }, (_, hand) =>
    Array.from({ length: Math.min(perHand, items.length) }, (_, card) => deck[(hand * perHand + card) % deck.length] as T),
  );
}
