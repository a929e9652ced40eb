import { badUserInputError } from '../../authz/index.js';
import type { RequestContext } from '../context.js';
import { AuditLogEntryEntity, type AuditLogEntry } from '../entities/audit-log-entry.entity.js';
import { connection, type PageRequest } from '../pagination.js';

/** One page of an organization's audit log, newest first; the cursor is the entry's time and id. */
export async function loadAuditLog(context: RequestContext, organizationId: string, page: PageRequest) {
  const [afterTime, afterId] = page.after?.split('|') ?? [];
  if (page.after !== undefined && (!afterTime || !afterId || Number.isNaN(Date.parse(afterTime)))) {
    throw badUserInputError('"after" is not a cursor this API issued.', { argument: 'after' });
  }
  const entries = await context.em.find(
    AuditLogEntryEntity,
    {
      organizationId,
      ...(afterTime && afterId
        ? { $or: [{ createdAt: { $lt: new Date(afterTime) } }, { createdAt: new Date(afterTime), id: { $lt: afterId } }] }
        : {}),
    },
    { orderBy: { createdAt: 'desc', id: 'desc' }, limit: page.limit + 1 },
  );
  return connection(entries, page, (entry: AuditLogEntry) => `${entry.createdAt.toISOString()}|${entry.id}`, () =>
    context.em.count(AuditLogEntryEntity, { organizationId }),
  );
}

/** Field resolvers of `AuditLogEntry`. */
export const auditLogResolvers = {
  AuditLogEntry: {
    actor: (entry: AuditLogEntry, _args: unknown, context: RequestContext) => (entry.actorId ? context.loaders.user.load(entry.actorId) : null),
    targetUser: (entry: AuditLogEntry, _args: unknown, context: RequestContext) =>
      entry.targetUserId ? context.loaders.user.load(entry.targetUserId) : null,
    before: (entry: AuditLogEntry) => (entry.before ? JSON.stringify(entry.before) : null),
    after: (entry: AuditLogEntry) => (entry.after ? JSON.stringify(entry.after) : null),
    createdAt: (entry: AuditLogEntry) => entry.createdAt.toISOString(),
  },
};
