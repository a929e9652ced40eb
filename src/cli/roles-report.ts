import { parseArgs } from 'node:util';
import { OrganizationEntity } from '../gitclub/entities/organization.entity.js';
import { buildRoleReport } from '../gitclub/governance/role-report.js';
import { openCliDatabase, runCli } from './open-cli-database.js';

/** `npm run roles:report [-- --unused-days N]`: the role-sprawl report of every organization, as tables. */
runCli(async () => {
  const { values } = parseArgs({ options: { 'unused-days': { type: 'string', default: '90' } } });
  const db = await openCliDatabase();
  try {
    const em = db.em.fork();
    const organizations = await em.find(OrganizationEntity, {}, { orderBy: { login: 'asc' } });
    for (const organization of organizations) {
      const report = await buildRoleReport(em, organization.id, Number(values['unused-days']));
      const logins = new Map(
        (await em.execute<{ id: string; login: string }[]>('select id, login from users')).map((row) => [row.id, row.login]),
      );
      console.log(`\n=== ${organization.login} ===`);
      console.log('Holders per role');
      console.table(
        report.holdersPerRole.map(({ role, holders }) => ({ role: role.name, type: role.resourceType, builtIn: role.builtIn, holders })),
      );
      console.log('Unused custom roles');
      console.table(
        report.unusedCustomRoles.map(({ role, holders, lastAssignedAt, reason }) => ({ role: role.name, holders, lastAssignedAt, reason })),
      );
      console.log('Roles with identical permissions');
      console.table(
        report.duplicateRoles.map((group) => ({
          roles: group.map((role) => role.name).join(' = '),
          permissions: group[0]?.permissions.join(' '),
        })),
      );
      console.log('Members holding direct grants');
      console.table(report.membersWithGrants.map(({ userId, activeGrants }) => ({ user: logins.get(userId), activeGrants })));
      console.log('Grants expiring within 7 days');
      console.table(
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
