import type DataLoader from 'dataloader';
import type { EntityManager } from '../../db/database.js';
import { sqlArray } from '../../db/sql-array.js';
import { byIds } from '../batch-loaders.js';
import type { BatchWrapper } from '../batch-sizes.js';
import {
  childCountLoader,
  childPagesLoader,
  pagePerParent,
  sqlFilterCondition,
  type ChildCountKey,
  type ChildPageKey,
} from '../child-pages.js';
import { newestFirstPosition } from '../pagination.js';
import { auditLogEntryRead, type AuditLogEntryRead } from '../read-models.js';

/**
 * The request loaders of the audit log: pages of an organization's entries, newest first, and their counts,
 * under the condition the key's filter carries (`auditLogCondition`).
 */
export interface AuditLoaders {
  /** Entries by id: what the subscriptions an audit event reaches share (one statement per event). */
  readonly auditLogEntry: DataLoader<string, AuditLogEntryRead | null>;
  readonly auditLogPages: DataLoader<ChildPageKey, AuditLogEntryRead[], string>;
  readonly auditLogCount: DataLoader<ChildCountKey, number, string>;
}

/** Loaders over `audit_log_entries`, batched across organizations: one statement per page request per batch. */
export function auditLoaders(em: EntityManager, observing: (name: keyof AuditLoaders) => BatchWrapper): AuditLoaders {
  return {
    auditLogEntry: byIds(
      async (ids) =>
        (await em.execute<Record<string, unknown>[]>('select * from audit_log_entries where id = any(?::uuid[])', [sqlArray(ids)])).map(
          auditLogEntryRead,
        ),
      observing('auditLogEntry'),
    ),
    auditLogPages: childPagesLoader(async ({ parentIds, filter, after, limit }) => {
      const matching = sqlFilterCondition(filter);
      const position = after === undefined ? undefined : newestFirstPosition(after);
      const page = pagePerParent(
        {
          columns: 'a.*',
          from: 'audit_log_entries a',
          parentColumn: 'a.organization_id',
          conditions: `and ${matching.sql} ${position ? 'and (a.created_at, a.id) < (?, ?)' : ''}`,
          conditionParams: [...matching.params, ...(position ? [position.createdAt, position.id] : [])],
          orderBy: 'a.created_at desc, a.id desc',
        },
        parentIds,
        limit,
      );
      const rows = await em.execute<Record<string, unknown>[]>(page.sql, page.params);
      return rows.map((row) => ({ parentId: row.organization_id as string, row: auditLogEntryRead(row) }));
    }, observing('auditLogPages')),
    auditLogCount: childCountLoader(async (organizationIds, filter) => {
      const matching = sqlFilterCondition(filter);
      const rows = await em.execute<{ organization_id: string; count: string }[]>(
        `select a.organization_id, count(*) from audit_log_entries a where a.organization_id = any(?::uuid[]) and ${matching.sql}
         group by a.organization_id`,
        [sqlArray(organizationIds), ...matching.params],
      );
      return new Map(rows.map((row) => [row.organization_id, Number(row.count)]));
    }, observing('auditLogCount')),
  };
}
