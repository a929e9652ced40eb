import { cliArguments, refuseArguments, type CommandUsage } from './cli-arguments.js';
import { openCliDatabase, runCli } from './open-cli-database.js';

const command: CommandUsage = {
  usage: `Usage:
  npm run platform -- grant <support|platform_admin> <USER_LOGIN>
  npm run platform -- revoke <USER_LOGIN>
  npm run platform -- list

Assigns platform roles (never done through the API): grant gives a user a platform role (replacing
the one held), revoke takes it away, list shows who holds one. Every change is audited and raises
the user's authorization version (published at once to every instance with REDIS_URL).`,
  positionals: { names: ['a step (grant, revoke or list)', 'the role or the user login', 'the user login'], min: 1, max: 3 },
};

/**
 * Platform roles are assigned only here, never through the API. Every change is audited, raises
 * the user's authorization version and, with REDIS_URL, is published to every instance at once
 * (a single instance without Redis notices within a minute).
 */
const { positionals } = cliArguments(command, {});
const [step, ...rest] = positionals;
const arity = { grant: 2, revoke: 1, list: 0 } as const;
if (step !== 'grant' && step !== 'revoke' && step !== 'list')
  refuseArguments(command, `Unknown step "${step}": expected grant, revoke or list.`);
if (rest.length !== arity[step]) {
  refuseArguments(
    command,
    rest.length < arity[step]
      ? `${step} needs ${step === 'grant' ? 'a platform role and a user login' : 'a user login'}.`
      : `Unexpected argument '${rest[arity[step]]}': ${step} takes ${['no arguments', 'one argument', 'two arguments'][arity[step]]}.`,
  );
}
const [roleName, login] = step === 'grant' ? rest : [undefined, rest[0]];
const { builtInRoles } = await import('../gitclub/policy/built-in-roles.js');
if (roleName && builtInRoles.get(roleName)?.resourceType !== 'platform') {
  const platformRoles = [...builtInRoles.values()].filter((role) => role.resourceType === 'platform').map((role) => role.name);
  refuseArguments(command, `"${roleName}" is not a platform role: expected ${platformRoles.join(' or ')}.`);
}

runCli(async () => {
  const [{ loadConfig }, { commandVersionPublisher }, { changeRolesAsCommand }, { platformId }] = await Promise.all([
    import('../config.js'),
    import('../auth/command-version-publisher.js'),
    import('../gitclub/access-write/command-changes.js'),
    import('../gitclub/policy/policy.js'),
  ]);
  const db = await openCliDatabase();
  try {
    const em = db.em.fork();
    if (step === 'list') {
      const rows = await em.execute<{ login: string; name: string }[]>(
        `select u.login, r.name from role_assignments ra join users u on u.id = ra.user_id join roles r on r.id = ra.role_id where ra.resource_type = 'platform' order by u.login`,
      );
      if (rows.length === 0) console.log('No user holds a platform role.');
      else console.table(rows.map((row) => ({ user: row.login, role: row.name })));
      return;
    }
    if (!login) return;
    const [user] = await em.execute<{ id: string }[]>('select id from users where login = ?', [login]);
    if (!user) throw new Error(`No user "${login}".`);
    const publish = commandVersionPublisher(loadConfig());
    const place = { resourceType: 'platform', resourceId: platformId } as const;
    const outcome = await changeRolesAsCommand({ em, name: 'platform', requestId: 'cli:platform', publish }, (change) =>
      change(roleName ? { kind: 'set', userId: user.id, place, roleName } : { kind: 'remove', userId: user.id, place }),
    );
    if (outcome === 'unchanged') {
      console.log(`${login} already holds ${roleName ?? 'no platform role'}; nothing changed.`);
      return;
    }
    console.log(roleName ? `${login} now holds platform role ${roleName}.` : `${login} no longer holds a platform role.`);
  } finally {
    await db.close();
  }
});
