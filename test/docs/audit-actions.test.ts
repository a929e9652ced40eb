import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { auditActions } from '../../src/gitclub/audit/record-audit.js';

/** README's audit-log table names every action the code can record (the typed union is the source). */
describe('README, "Audit log"', () => {
  it('lists every audit action', () => {
    const readme = readFileSync(new URL('../../README.md', import.meta.url), 'utf8');
    expect(auditActions.filter((action) => !readme.includes(`\`${action}\``))).toEqual([]);
  });
});
