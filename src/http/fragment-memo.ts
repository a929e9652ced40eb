import type { FragmentDefinitionNode } from 'graphql';

/**
 * Measures named fragments once each (per `key`), so a fragment spread many times, or spreads of
 * spreads, cost no more to measure than to read. A fragment spread inside itself measures as
 * `empty` (graphql's NoFragmentCyclesRule refuses such documents), and so does an unknown one.
 */
export function fragmentMemo<T>(
  getFragment: (name: string) => FragmentDefinitionNode | null | undefined,
  empty: T,
): (name: string, key: string, measure: (fragment: FragmentDefinitionNode) => T) => T {
  const measured = new Map<string, T>();
  const measuring = new Set<string>();
  return (name, key, measure) => {
    const id = `${name}\u0000${key}`;
    if (measured.has(id)) return measured.get(id) as T;
    const fragment = getFragment(name);
    if (!fragment || measuring.has(id)) return empty;
    measuring.add(id);
    try {
      const value = measure(fragment);
      measured.set(id, value);
      return value;
    } finally {
      measuring.delete(id);
    }
  };
}
