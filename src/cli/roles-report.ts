import { cliArguments, wholeNumberFlag, type CommandUsage } from './cli-arguments.js';
import { openCliDatabase, runCli } from './open-cli-database.js';

const command: CommandUsage = {
  usage:
    'npm run roles:report [-- --unused-days N]\n\nPrints the role-sprawl report of every organization, as tables: holders per role, unused custom roles, roles with identical permissions, members holding direct grants, grants expiring within 7 days.',
  flags: ['--unused-days N   a custom role given to nobody for N days counts as unused (default 90, at most 3650)'],
};

/** `npm run roles:report [-- --unused-days N]`: the role-sprawl report of every organization, as tables. */
const { values } = cliArguments(command, { 'unused-days': { type: 'string' } });
const unusedDays = wholeNumberFlag(command, 'unused-days', values['unused-days'], 90, 1, 3650);

runCli(async () => {
  const [{ OrganizationEntity }, { buildRoleReport }] = await Promise.all([
    import('../gitclub/entities/organization.entity.js'),
    import('../gitclub/governance/role-report.js'),
  ]);
  const db = await openCliDatabase();
  try {
    const em = db.em.fork();
    const organizations = await em.find(OrganizationEntity, {}, { orderBy: { login: 'asc' } });
    if (organizations.length === 0) {
      console.log('No organizations: nothing to report.');
      return;
    }
    const logins = new Map(
      (await em.execute<{ id: string; login: string }[]>('select id, login from users')).map((row) => [row.id, row.login]),
    );
    /** A table, or "none" rather than an empty frame. */
    const table = (title: string, rows: readonly object[]) => {
      console.log(rows.length === 0 ? `${title}: none` : title);
      if (rows.length > 0) console.table(rows);
    };
    for (const organization of organizations) {
      const report = await buildRoleReport(em, organization.id, unusedDays);
      console.log(`\n=== ${organization.login} ===`);
      table(
        'Holders per role',
        report.holdersPerRole.map(({ role, holders }) => ({ role: role.name, type: role.resourceType, builtIn: role.builtIn, holders })),
      );
      table(
        `Unused custom roles (${unusedDays} days)`,
        report.unusedCustomRoles.map(({ role, holders, lastAssignedAt, reason }) => ({ role: role.name, holders, lastAssignedAt, reason })),
      );
      table(
        'Roles with identical permissions',
        report.duplicateRoles.map((group) => ({
          roles: group.map((role) => role.name).join(' = '),
          permissions: group[0]?.permissions.join(' '),
        })),
      );
      table(
        'Members holding direct grants',
        report.membersWithGrants.map(({ userId, activeGrants }) => ({ user: logins.get(userId), activeGrants })),
      );
      table(
        'Grants expiring within 7 days',
        report.grantsExpiringSoon.map((grant) => ({
          user: logins.get(grant.user.id),
          permission: grant.permission,
          expiresAt: grant.expiresAt.toISOString(),
        })),
      );
    }
  } finally {
    await db.close();
  }
});
