import { parseArgs } from 'node:util';
import { loadConfig } from '../config.js';
import { RedisSessionStore } from '../auth/redis-session-store.js';
import type { UserVersions } from '../auth/session-store.js';
import { recordAudit } from '../gitclub/audit/record-audit.js';
import { RoleAssignmentEntity } from '../gitclub/entities/role-assignment.entity.js';
import { RoleEntity } from '../gitclub/entities/role.entity.js';
import { UserEntity } from '../gitclub/entities/user.entity.js';
import { builtInRoles } from '../gitclub/policy/built-in-roles.js';
import { platformId } from '../gitclub/policy/policy.js';
import { openCliDatabase, runCli } from './open-cli-database.js';

const usage = `Usage:
  npm run platform -- grant <support|platform_admin> <USER_LOGIN>
  npm run platform -- revoke <USER_LOGIN>
  npm run platform -- list`;

/**
 * Platform roles are assigned only here, never through the API. Every change is audited, raises
 * the user's authorization version and, with REDIS_URL, is published to every instance at once
 * (a single instance without Redis notices within a minute).
 */
runCli(async () => {
  const { positionals } = parseArgs({ allowPositionals: true });
  const [command, ...rest] = positionals;
  const db = await openCliDatabase();
  try {
    const em = db.em.fork();
    if (command === 'list') {
      const rows = await em.execute<{ login: string; name: string }[]>(
        `select u.login, r.name from role_assignments ra join users u on u.id = ra.user_id join roles r on r.id = ra.role_id where ra.resource_type = 'platform' order by u.login`,
      );
      console.table(rows.map((row) => ({ user: row.login, role: row.name })));
      return;
    }
    const [roleName, login] = command === 'grant' ? rest : [undefined, rest[0]];
    if ((command !== 'grant' && command !== 'revoke') || !login) throw new Error(usage);
    if (roleName && builtInRoles.get(roleName)?.resourceType !== 'platform')
      throw new Error(`"${roleName}" is not a platform role.\n${usage}`);
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
