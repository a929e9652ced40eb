import { allPages } from '../api/all-pages.js';
import { ApiFailure } from '../api/api-error.js';
import { graphqlRequest } from '../api/graphql-request.js';
import type { AuditLogFilter } from '../gql/graphql.js';
import { AuditLogPageQuery } from './audit-log-query.js';

/** The most entries one download reads (100 a page). */
const maxPages = 100;

function parsed(json: string | null | undefined): unknown {
  if (json == null) return null;
  try {
    return JSON.parse(json);
  } catch {
    return json;
  }
}

/**
 * Every entry matching the filter as JSON Lines, one entry a line, in the fields
 * `npm run audit:export` writes (`id`, `time`, `organization`, `action`, `actorId`, ...).
 */
export async function auditLogJsonLines(login: string, filter: AuditLogFilter): Promise<string> {
  const entries = await allPages(
    async (after) => {
      const { data, errors } = await graphqlRequest(AuditLogPageQuery, { login, first: 100, after, filter });
      const log = data?.organization?.auditLog;
      if (!log) throw new ApiFailure(errors);
      return log;
    },
    { maxPages },
  );
  const lines = entries.map((entry) =>
    JSON.stringify({
      id: entry.id,
      time: entry.createdAt,
      organization: login,
      action: entry.action,
      actorId: entry.actor?.id ?? null,
      targetUserId: entry.targetUser?.id ?? null,
      resourceType: entry.resourceType ?? null,
      resourceId: entry.resourceId ?? null,
      before: parsed(entry.before),
      after: parsed(entry.after),
      requestId: entry.requestId ?? null,
    }),
  );
  return lines.length ? `${lines.join('\n')}\n` : '';
}
