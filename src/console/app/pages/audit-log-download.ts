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
  const lines: string[] = [];
  let after: string | null | undefined;
  for (let page = 0; page < maxPages; page++) {
    const { data, errors } = await graphqlRequest(AuditLogPageQuery, { login, first: 100, after, filter });
    const log = data?.organization?.auditLog;
    if (!log) throw new ApiFailure(errors);
    for (const entry of log.nodes) {
      lines.push(
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
    }
    if (!log.pageInfo.hasNextPage) break;
    after = log.pageInfo.endCursor;
  }
  return lines.length ? `${lines.join('\n')}\n` : '';
}

/** Hands text to the browser as a file download (a blob URL, revoked once clicked). */
export function downloadText(fileName: string, text: string, type: string): void {
  const url = URL.createObjectURL(new Blob([text], { type }));
  const link = document.createElement('a');
  link.href = url;
  link.download = fileName;
  document.body.append(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}
