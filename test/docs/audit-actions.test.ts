import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { auditActions } from '../../src/gitclub/audit/record-audit.js';

/** The operators' audit-log table (docs/operators.md) names every action the code can record (the typed union is the source). */
describe('docs/operators.md, "Audit log"', () => {
  it('lists every audit action', () => {
    const operators = readFileSync(new URL('../../docs/operators.md', import.meta.url), 'utf8');
    expect(auditActions.filter((action) => !operators.includes(`\`${action}\``))).toEqual([]);
  });
});
