import { describe, expect, it } from 'vitest';
import { sqlFilter, sqlFilterCondition } from '../../src/gitclub/child-pages.js';

// A child key's filter names a condition the server built; keys must tell different conditions apart and give each back whole.
describe('sqlFilter', () => {
  const readable = {
    sql: `exists (select 1 from role_assignments ra where ra.user_id = ? and ra.note = 'it''s "quoted"')`,
    params: ['u1'],
  };

  it.each([
    ['a condition', readable],
    ['the same text, other parameters', { sql: readable.sql, params: ['u2'] }],
    ['no parameters', { sql: 'true', params: [] }],
    ['parameters of every JSON kind', { sql: 'a = ? and b = ? and c = ?', params: [1, null, ['x', 'y']] }],
  ])('gives back %s as it was', (_label, condition) => {
    expect(sqlFilterCondition(sqlFilter(condition))).toEqual(condition);
  });

  it('names a text it has seen by number, not by the text itself', () => {
    const filter = sqlFilter(readable);
    expect(filter).not.toContain('role_assignments');
    expect(sqlFilter({ sql: readable.sql, params: ['u1'] })).toBe(filter);
    expect(sqlFilter({ sql: readable.sql, params: ['u2'] })).not.toBe(filter);
  });

  it('refuses a number it never gave', () => {
    expect(() => sqlFilterCondition(JSON.stringify([987_654, []]))).toThrow(/No SQL condition is numbered 987654/);
  });
});
