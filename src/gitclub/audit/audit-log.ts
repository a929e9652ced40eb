import type { FilterQuery } from '@mikro-orm/core';
import { badUserInputError } from '../../errors/graphql-errors.js';
import type { EntityManager } from '../../db/database.js';
import type { RequestContext } from '../context.js';
import { AuditLogEntryEntity, type AuditLogEntry } from '../entities/audit-log-entry.entity.js';
import type { AuditLogEntryRead } from '../read-models.js';
import { instantArgument } from '../instant-argument.js';
import { sqlFilter, type SqlCondition } from '../child-pages.js';
import { afterNewestFirst, connection, newestFirstKey, newestFirstPosition, type PageRequest } from '../pagination.js';
import { isUuid } from '../validation.js';

/** What an audit log can be narrowed by. */
export interface AuditLogFilter {
  readonly action?: string | null;
  readonly actorId?: string | null;
  readonly targetUserId?: string | null;
  readonly since?: string | null;
  readonly until?: string | null;
}

/** An audit filter read and validated: ids checked, instants parsed. */
interface ParsedAuditLogFilter {
  readonly action: string | undefined;
  readonly actorId: string | undefined;
  readonly targetUserId: string | undefined;
  readonly since: Date | undefined;
  readonly until: Date | undefined;
}

/** Reads a filter; BAD_USER_INPUT for malformed ids or instants. */
function parseAuditLogFilter(filter: AuditLogFilter): ParsedAuditLogFilter {
  const instant = (value: string | null | undefined, argument: string): Date | undefined =>
    value == null ? undefined : instantArgument(value, argument);
  const id = (value: string | null | undefined, argument: string): string | undefined => {
    if (value == null) return undefined;
    if (!isUuid(value)) throw badUserInputError(`"${argument}" must be a valid id.`, { argument });
    return value;
  };
  const since = instant(filter.since, 'filter.since');
  const until = instant(filter.until, 'filter.until');
  const actorId = id(filter.actorId, 'filter.actorId');
  const targetUserId = id(filter.targetUserId, 'filter.targetUserId');
  return { action: filter.action || undefined, actorId, targetUserId, since, until };
}

/** The query for an organization's entries matching a filter; BAD_USER_INPUT for malformed ids or instants. */
export function auditLogWhere(organizationId: string, filter: AuditLogFilter = {}): FilterQuery<AuditLogEntry> {
  const { action, actorId, targetUserId, since, until } = parseAuditLogFilter(filter);
  return {
    organizationId,
    ...(action ? { action } : {}),
    ...(actorId ? { actorId } : {}),
    ...(targetUserId ? { targetUserId } : {}),
    ...(since || until ? { createdAt: { ...(since ? { $gte: since } : {}), ...(until ? { $lt: until } : {}) } } : {}),
  };
}

/**
 * The same filter as `auditLogWhere`, as a SQL condition over `audit_log_entries a` (the
 * organization left out), for pages of several organizations at once; BAD_USER_INPUT likewise.
 */
export function auditLogCondition(filter: AuditLogFilter = {}): SqlCondition {
  const { action, actorId, targetUserId, since, until } = parseAuditLogFilter(filter);
  const conditions: [string, unknown][] = [
    ...(action ? [['a.action = ?', action] as [string, unknown]] : []),
    ...(actorId ? [['a.actor_id = ?', actorId] as [string, unknown]] : []),
    ...(targetUserId ? [['a.target_user_id = ?', targetUserId] as [string, unknown]] : []),
    ...(since ? [['a.created_at >= ?::timestamptz', since.toISOString()] as [string, unknown]] : []),
    ...(until ? [['a.created_at < ?::timestamptz', until.toISOString()] as [string, unknown]] : []),
  ];
  return {
    sql: conditions.length > 0 ? conditions.map(([sql]) => sql).join(' and ') : 'true',
    params: conditions.map(([, param]) => param),
  };
}

/** Entries newest first, after a `time|id` cursor. */
export function findAuditEntries(em: EntityManager, where: FilterQuery<AuditLogEntry>, limit: number, after?: string) {
  const page = afterNewestFirst(after) as FilterQuery<AuditLogEntry>;
  return em.find(AuditLogEntryEntity, { $and: [where, page] }, { orderBy: { createdAt: 'desc', id: 'desc' }, limit });
}

/** The cursor of an entry. */
export const auditCursorKey: (entry: AuditLogEntry) => string = newestFirstKey;

/**
 * One page of an organization's audit log, newest first, and its count: through the request's
 * loaders, so that the logs of many organizations cost one statement per page request.
 */
export async function loadAuditLog(context: RequestContext, organizationId: string, page: PageRequest, filter?: AuditLogFilter | null) {
  const condition = sqlFilter(auditLogCondition(filter ?? {}));
  // A malformed cursor is refused before any query.
  if (page.after !== undefined) newestFirstPosition(page.after);
  const entries = await context.loaders.auditLogPages.load({
    parentId: organizationId,
    filter: condition,
    after: page.after,
    limit: page.limit + 1,
  });
  return connection(entries, page, auditCursorKey, () =>
    context.loaders.auditLogCount.load({ parentId: organizationId, filter: condition }),
  );
}

/** Field resolvers of `AuditLogEntry`. */
export const auditLogResolvers = {
  AuditLogEntry: {
    actor: (entry: AuditLogEntryRead, _args: unknown, context: RequestContext) =>
      entry.actorId ? context.loaders.user.load(entry.actorId) : null,
    targetUser: (entry: AuditLogEntryRead, _args: unknown, context: RequestContext) =>
      entry.targetUserId ? context.loaders.user.load(entry.targetUserId) : null,
    before: (entry: AuditLogEntryRead) => (entry.before ? JSON.stringify(entry.before) : null),
    after: (entry: AuditLogEntryRead) => (entry.after ? JSON.stringify(entry.after) : null),
    createdAt: (entry: AuditLogEntryRead) => entry.createdAt.toISOString(),
  },
};
