import { describe, expect, it } from 'vitest';
import { builtOnce } from '../../src/db/built-once.js';

describe('builtOnce', () => {
  it('builds a key once, hands back the same value after, and builds each other key from its own arguments', () => {
    const calls: [string, boolean][] = [];
    const textOf = builtOnce(
      (alias: string, readsGrants: boolean) => `${alias}:${readsGrants}`,
      (alias: string, readsGrants: boolean) => {
        calls.push([alias, readsGrants]);
        return { text: `${alias} ${readsGrants}` };
      },
    );
    const first = textOf('r', true);
    expect(textOf('r', true)).toBe(first);
    expect(textOf('r', false)).toEqual({ text: 'r false' });
    expect(textOf('rep', true)).toEqual({ text: 'rep true' });
    expect(calls).toEqual([
      ['r', true],
      ['r', false],
      ['rep', true],
    ]);
  });
});
