import { cliArguments, refuseArguments, type CommandUsage } from './cli-arguments.js';
import { openCliDatabase, runCli } from './open-cli-database.js';

const command: CommandUsage = {
  usage:
    "npm run audit:export -- --org LOGIN [--since ISO] [--until ISO] [--action NAME]\n\nWrites an organization's audit log to stdout as JSON Lines, newest first, one entry a line, for a SIEM. A note when nothing matched, and the count, go to stderr: stdout stays valid JSON Lines.",
  flags: [
    '--org LOGIN     the organization (required)',
    '--since ISO     entries at or after this date or instant (2024-05-01, 2024-05-01T12:00:00Z)',
    '--until ISO     entries before this date or instant',
    '--action NAME   only this action (membership.added, platform_role.changed, ...)',
  ],
};

/**
 * `npm run audit:export -- --org LOGIN [--since ISO] [--until ISO] [--action NAME]`: writes an
 * organization's audit log to stdout as JSON Lines, newest first, one entry a line, for a SIEM.
 */
const { values } = cliArguments(command, {
  org: { type: 'string' },
  since: { type: 'string' },
  until: { type: 'string' },
  action: { type: 'string' },
});
const { parseInstant, earliestInstant, latestInstant } = await import('../gitclub/instant-argument.js');
if (!values.org) refuseArguments(command, '--org is required: the login of the organization whose audit log to export.');
const instant = (flag: 'since' | 'until'): Date | undefined => {
  const raw = values[flag];
  if (raw === undefined) return undefined;
  const parsed = parseInstant(raw);
  if (!parsed) {
    refuseArguments(
      command,
      `--${flag} must be an ISO 8601 date or instant with a time zone (such as 2024-05-01 or 2024-05-01T12:00:00Z) between ${earliestInstant.toISOString()} and ${latestInstant.toISOString()}; got "${raw}".`,
    );
  }
  return parsed;
};
const since = instant('since');
const until = instant('until');
if (since && until && since >= until) refuseArguments(command, `--since (${values.since}) must be before --until (${values.until}).`);
const org = values.org;

runCli(async () => {
  const [{ auditCursorKey, auditLogWhere, findAuditEntries }, { OrganizationEntity }] = await Promise.all([
    import('../gitclub/audit/audit-log.js'),
    import('../gitclub/entities/organization.entity.js'),
  ]);
  const db = await openCliDatabase();
  try {
    const em = db.em.fork();
    const organization = await em.findOne(OrganizationEntity, { login: org });
    if (!organization) throw new Error(`No organization "${org}".`);
    // Already checked above, so the filter's own (GraphQL) errors cannot occur here.
    const where = auditLogWhere(organization.id, { since: since?.toISOString(), until: until?.toISOString(), action: values.action });
    let after: string | undefined;
    let exported = 0;
    for (;;) {
      const entries = await findAuditEntries(em, where, 500, after);
      for (const entry of entries) {
        process.stdout.write(
          `${JSON.stringify({
            id: entry.id,
            time: entry.createdAt.toISOString(),
            organization: org,
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
      exported += entries.length;
      const last = entries.at(-1);
      if (!last || entries.length < 500) break;
      after = auditCursorKey(last);
      em.clear();
    }
    const narrowed = [
      values.action ? `action ${values.action}` : '',
      values.since ? `since ${values.since}` : '',
      values.until ? `until ${values.until}` : '',
    ].filter(Boolean);
    const matching = narrowed.length > 0 ? ` matching ${narrowed.join(', ')}` : '';
    console.error(
      exported === 0
        ? `No audit entries for organization "${org}"${matching}: nothing exported.`
        : `Exported ${exported} audit entries of organization "${org}"${matching}.`,
    );
  } finally {
    await db.close();
  }
});
