import { parseArgs } from 'node:util';
import { auditCursorKey, auditLogWhere, findAuditEntries } from '../gitclub/audit/audit-log.js';
import { OrganizationEntity } from '../gitclub/entities/organization.entity.js';
import { openCliDatabase, runCli } from './open-cli-database.js';

/**
 * `npm run audit:export -- --org LOGIN [--since ISO] [--until ISO] [--action NAME]`: writes an
 * organization's audit log to stdout as JSON Lines, newest first, one entry a line, for a SIEM.
 */
runCli(async () => {
  const { values } = parseArgs({
    options: { org: { type: 'string' }, since: { type: 'string' }, until: { type: 'string' }, action: { type: 'string' } },
  });
  if (!values.org) throw new Error('Usage: npm run audit:export -- --org LOGIN [--since ISO] [--until ISO] [--action NAME]');
  const db = await openCliDatabase();
  try {
    const em = db.em.fork();
    const organization = await em.findOne(OrganizationEntity, { login: values.org });
    if (!organization) throw new Error(`No organization "${values.org}".`);
    const where = auditLogWhere(organization.id, { since: values.since, until: values.until, action: values.action });
    let after: string | undefined;
    for (;;) {
      const entries = await findAuditEntries(em, where, 500, after);
      for (const entry of entries) {
        process.stdout.write(
          `${JSON.stringify({
            id: entry.id,
            time: entry.createdAt.toISOString(),
            organization: values.org,
            action: entry.action,
            actorId: entry.actorId,
            targetUserId: entry.targetUserId,
            resourceType: entry.resourceType,
            resourceId: entry.resourceId,
            before: entry.before,
            after: entry.after,
            requestId: entry.requestId,
          })}\n`,
        );
      }
      const last = entries.at(-1);
      if (!last || entries.length < 500) break;
      after = auditCursorKey(last);
      em.clear();
    }
  } finally {
    await db.close();
  }
});
