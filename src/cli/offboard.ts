import { cliArguments, refuseArguments, type CommandUsage } from './cli-arguments.js';
import { openCliDatabase, runCli } from './open-cli-database.js';

const command: CommandUsage = {
  usage: `npm run offboard -- --user LOGIN [--organization LOGIN] [--reason TEXT] [--dry-run]

Ends everything a user holds in an organization (or in every organization where they hold anything):
membership, repository roles, direct grants, pending access requests, as offboardMember does, audited
as member.offboarded. Prints what they held before and what they hold after (nothing). With
--dry-run, does all of it and rolls it back: the report is exactly what a real run would do.`,
  flags: [
    '--user LOGIN           the user to offboard (required)',
    '--organization LOGIN   only this organization (default: every one where they hold anything)',
    '--reason TEXT          kept in the audit entry (default: "offboarded by an operator")',
    '--dry-run              report, change nothing',
  ],
};

/** `npm run offboard`: an operator's offboarding, with its proof printed (see offboardAsCommand). */
const { values } = cliArguments(command, {
  user: { type: 'string' },
  organization: { type: 'string' },
  reason: { type: 'string' },
  'dry-run': { type: 'boolean' },
});
if (!values.user) refuseArguments(command, '--user is required: the login of the user to offboard.');
if (values.reason !== undefined && (values.reason.trim() === '' || values.reason.length > 500)) {
  refuseArguments(command, '--reason must be 1 to 500 characters.');
}
const login = values.user;
const dryRun = values['dry-run'] === true;

runCli(async () => {
  const [{ loadConfig }, { commandVersionPublisher }, { offboardAsCommand }, { describeHeld }, { organizationsOfHolder }] =
    await Promise.all([
      import('../config.js'),
      import('../auth/command-version-publisher.js'),
      import('../gitclub/access-write/offboard-command.js'),
      import('../gitclub/access-holders/describe-held.js'),
      import('../gitclub/access-holders/organizations-of-holder.js'),
    ]);
  const db = await openCliDatabase();
  try {
    const em = db.em.fork();
    const [user] = await em.execute<{ id: string }[]>('select id from users where login = ?', [login]);
    if (!user) throw new Error(`No user "${login}".`);
    // Every organization where they hold anything, or only the one named.
    const organizations = (await organizationsOfHolder(em, user.id)).filter(
      (organization) => values.organization === undefined || organization.login === values.organization,
    );
    if (organizations.length === 0) {
      console.log(`${login} holds nothing${values.organization ? ` in ${values.organization}` : ' in any organization'}; nothing to do.`);
      return;
    }
    const publish = commandVersionPublisher(loadConfig());
    const reason = values.reason ?? 'offboarded by an operator';
    for (const organization of organizations) {
      const report = await offboardAsCommand(
        { em: db.em.fork(), name: 'offboard', requestId: 'cli:offboard', publish },
        { organizationId: organization.id, userId: user.id, reason },
        dryRun,
      );
      console.log(`${organization.login}: ${login} held, before:`);
      for (const line of describeHeld(report.before)) console.log(`  ${line}`);
      console.log(report.after.length === 0 ? '  and holds nothing after.' : '  and still holds, after:');
      for (const line of describeHeld(report.after)) console.log(`  ${line}`);
    }
    console.log(dryRun ? 'Dry run: nothing was changed.' : `Offboarded ${login} from ${organizations.map((o) => o.login).join(', ')}.`);
  } finally {
    await db.close();
  }
});
