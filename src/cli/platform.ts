import type { UserVersions } from '../auth/session-store.js';
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
  const [{ loadConfig }, { RedisSessionStore }, { recordAudit }, { RoleAssignmentEntity }, { RoleEntity }, { UserEntity }, { platformId }] =
    await Promise.all([
      import('../config.js'),
      import('../auth/redis-session-store.js'),
      import('../gitclub/audit/record-audit.js'),
      import('../gitclub/entities/role-assignment.entity.js'),
      import('../gitclub/entities/role.entity.js'),
      import('../gitclub/entities/user.entity.js'),
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
    const user = await em.findOne(UserEntity, { login });
    if (!user) throw new Error(`No user "${login}".`);
    const changed = await em.transactional(async (tx) => {
      const existing = await tx.findOne(RoleAssignmentEntity, { user: user.id, resourceType: 'platform' }, { populate: ['role'] });
      const before = existing ? (await tx.findOneOrFail(RoleEntity, { id: existing.role.id })).name : null;
      if (before === (roleName ?? null)) return undefined;
      if (existing) tx.remove(existing);
      if (roleName) {
        const role = await tx.findOneOrFail(RoleEntity, { name: roleName, builtIn: true });
        tx.create(RoleAssignmentEntity, { user: user.id, role: role.id, resourceType: 'platform', resourceId: platformId });
      }
      recordAudit(tx, {
        organizationId: null,
        actorId: null,
        action: 'platform_role.changed',
        targetUserId: user.id,
        resourceType: 'platform',
        resourceId: platformId,
        before: { role: before },
        after: { role: roleName ?? null },
        requestId: 'cli:platform',
      });
      const [row] = await tx.execute<{ authz_version: number; session_version: number }[]>(
        'update users set authz_version = authz_version + 1 where id = ? returning authz_version, session_version',
        [user.id],
      );
      return { authz: row?.authz_version ?? 0, session: row?.session_version ?? 0 } satisfies UserVersions;
    });
    if (!changed) {
      console.log(`${login} already holds ${roleName ?? 'no platform role'}; nothing changed.`);
      return;
    }
    const config = loadConfig();
    if (config.redisUrl) {
      const store = new RedisSessionStore(
        { url: config.redisUrl, keyPrefix: config.redisKeyPrefix, versionTtlSeconds: config.redisVersionTtlSeconds },
        async () => changed,
      );
      await store.publish([[user.id, changed]]);
      await store.close();
    }
    console.log(roleName ? `${login} now holds platform role ${roleName}.` : `${login} no longer holds a platform role.`);
  } finally {
    await db.close();
  }
});
