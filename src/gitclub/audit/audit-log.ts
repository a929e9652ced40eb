import type { FilterQuery } from '@mikro-orm/core';
import { badUserInputError } from '../../input/bad-user-input-error.js';
import type { EntityManager } from '../../db/database.js';
import type { RequestContext } from '../context.js';
import { AuditLogEntryEntity, type AuditLogEntry } from '../entities/audit-log-entry.entity.js';
import { instantArgument } from '../instant-argument.js';
import { afterNewestFirst, connection, newestFirstKey, type PageRequest } from '../pagination.js';
import { isUuid } from '../validation.js';

/** What an audit log can be narrowed by. */
export interface AuditLogFilter {
  readonly action?: string | null;
  readonly actorId?: string | null;
  readonly targetUserId?: string | null;
  readonly since?: string | null;
  readonly until?: string | null;
}

/** The query for an organization's entries matching a filter; BAD_USER_INPUT for malformed ids or instants. */
export function auditLogWhere(organizationId: string, filter: AuditLogFilter = {}): FilterQuery<AuditLogEntry> {
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
  return {
    organizationId,
    ...(filter.action ? { action: filter.action } : {}),
    ...(actorId ? { actorId } : {}),
    ...(targetUserId ? { targetUserId } : {}),
    ...(since || until ? { createdAt: { ...(since ? { $gte: since } : {}), ...(until ? { $lt: until } : {}) } } : {}),
  };
}

/** Entries newest first, after a `time|id` cursor. */
export function findAuditEntries(em: EntityManager, where: FilterQuery<AuditLogEntry>, limit: number, after?: string) {
  const page = afterNewestFirst(after) as FilterQuery<AuditLogEntry>;
  return em.find(AuditLogEntryEntity, { $and: [where, page] }, { orderBy: { createdAt: 'desc', id: 'desc' }, limit });
}

/** The cursor of an entry. */
export const auditCursorKey: (entry: AuditLogEntry) => string = newestFirstKey;

/** One page of an organization's audit log, newest first. */
export async function loadAuditLog(context: RequestContext, organizationId: string, page: PageRequest, filter?: AuditLogFilter | null) {
  const where = auditLogWhere(organizationId, filter ?? {});
  const entries = await findAuditEntries(context.em, where, page.limit + 1, page.after);
  return connection(entries, page, auditCursorKey, () => context.em.count(AuditLogEntryEntity, where));
}

/** Field resolvers of `AuditLogEntry`. */
export const auditLogResolvers = {
  AuditLogEntry: {
    actor: (entry: AuditLogEntry, _args: unknown, context: RequestContext) =>
      entry.actorId ? context.loaders.user.load(entry.actorId) : null,
    targetUser: (entry: AuditLogEntry, _args: unknown, context: RequestContext) =>
      entry.targetUserId ? context.loaders.user.load(entry.targetUserId) : null,
    before: (entry: AuditLogEntry) => (entry.before ? JSON.stringify(entry.before) : null),
    after: (entry: AuditLogEntry) => (entry.after ? JSON.stringify(entry.after) : null),
    createdAt: (entry: AuditLogEntry) => entry.createdAt.toISOString(),
  },
};
