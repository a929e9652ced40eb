import { cliArguments, wholeNumberFlag, type CommandUsage } from './cli-arguments.js';
import { openCliDatabase, progressLine, runCli } from './open-cli-database.js';

const command: CommandUsage = {
  usage:
    'npm run legacy:generate -- [--users N] [--seed N] [--force-in-production]\n\nWrites a realistic, messy legacy data set to the database for tests and demos: users (password "rolegate-demo"), organizations, repositories and legacy flags (over-privileged users, flags that map to nothing, unknown flags, users in no organization, near-duplicate flag sets). Deterministic for a given seed; running it again adds only what is missing.',
  flags: [
    '--users N                how many users (default 10000, at most 1000000)',
    '--seed N                 the random seed (default 42): the same seed gives the same data set',
    '--force-in-production    generate even with NODE_ENV=production (every generated user signs in with a published password)',
  ],
};

/**
 * `npm run legacy:generate -- --users 10000 [--seed 42] [--force-in-production]`: a realistic,
 * messy legacy data set for tests and demos, written to the database: users (password
 * "rolegate-demo"), organizations and repositories, and legacy flags: viewers, editors,
 * publishers, admins, over-privileged users (global is_admin), flags that map to nothing, unknown
 * flags, users in no organization and near-duplicate flag sets. Deterministic for a given seed.
 * Refused with NODE_ENV=production unless forced: every generated user signs in with a published
 * password.
 */
const { values } = cliArguments(command, {
  users: { type: 'string' },
  seed: { type: 'string' },
  'force-in-production': { type: 'boolean', default: false },
});
const userCount = wholeNumberFlag(command, 'users', values.users, 10_000, 1, 1_000_000);
const seed = wholeNumberFlag(command, 'seed', values.seed, 42, 0, 4_294_967_295);

runCli(async () => {
  const [{ hashPassword }, { demoPassword }, { sqlArray }, { seededRandom }] = await Promise.all([
    import('../auth/password.js'),
    import('../gitclub/demo/demo-cast.js'),
    import('../db/sql-array.js'),
    import('../db/seeded-random.js'),
  ]);
  // Note: the same test as loadConfig's production defaults (src/config.ts), before the database is opened.
  if (process.env.NODE_ENV === 'production') {
    if (!values['force-in-production']) {
      throw new Error(
        `Refusing to generate legacy users with NODE_ENV=production: every one of them signs in with the published demo password "${demoPassword}". Pass --force-in-production to generate them anyway.`,
      );
    }
    console.warn(`NODE_ENV=production and --force-in-production: generating ${userCount} users whose password is "${demoPassword}".`);
  }
  const random = seededRandom(seed);
  const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)] as T;
  const db = await openCliDatabase();
  try {
    const em = db.em.fork();
    const passwordHash = await hashPassword(demoPassword);
    const organizationCount = Math.max(1, Math.ceil(userCount / 100));
    await em.execute(
      `insert into organizations (id, login, name, default_repository_role_id, created_at)
       select gen_random_uuid(), 'legacy-org-' || lpad(n::text, 5, '0'), 'Legacy organization ' || n, (select id from roles where name = 'contributor' and built_in), now()
       from generate_series(1, ?) n on conflict (login) do nothing`,
      [organizationCount],
      'run',
    );
    await em.execute(
      `insert into repositories (id, organization_id, name, created_at)
       select gen_random_uuid(), o.id, 'repo-' || n, now() from organizations o, generate_series(1, 3) n
       where o.login like 'legacy-org-%' on conflict (organization_id, name) do nothing`,
      [],
      'run',
    );
    const organizations = await em.execute<{ id: string }[]>(`select id from organizations where login like 'legacy-org-%' order by login`);
    const repositories = await em.execute<{ id: string; organization_id: string }[]>(
      `select r.id, r.organization_id from repositories r join organizations o on o.id = r.organization_id where o.login like 'legacy-org-%' order by o.login, r.name`,
    );
    const archetypes: { weight: number; flags: string[]; scope: 'organization' | 'repository' | 'global' | 'none' }[] = [
      { weight: 30, flags: ['can_view'], scope: 'organization' },
      { weight: 20, flags: ['can_view', 'can_edit_post'], scope: 'organization' },
      { weight: 5, flags: ['can_view', 'can_edit_post', 'beta_tester'], scope: 'organization' },
      { weight: 10, flags: ['can_view', 'can_edit_post', 'can_publish_post'], scope: 'repository' },
      { weight: 8, flags: ['is_admin'], scope: 'organization' },
      { weight: 3, flags: ['is_admin', 'can_view'], scope: 'organization' },
      { weight: 4, flags: ['can_view_billing', 'can_pay'], scope: 'organization' },
      { weight: 5, flags: ['can_view', 'can_manage_team'], scope: 'organization' },
      { weight: 2, flags: ['is_admin'], scope: 'global' },
      { weight: 5, flags: ['can_view_dashboard', 'legacy_export'], scope: 'global' },
      { weight: 8, flags: [], scope: 'none' },
    ];
    const totalWeight = archetypes.reduce((sum, archetype) => sum + archetype.weight, 0);
    const batchSize = 1000;
    let flagCount = 0;
    const progress = progressLine();
    for (let start = 1; start <= userCount; start += batchSize) {
      const numbers = Array.from({ length: Math.min(batchSize, userCount - start + 1) }, (_, index) => start + index);
      const logins = numbers.map((n) => `legacy-user-${String(n).padStart(6, '0')}`);
      const inserted = await em.execute<{ id: string; login: string }[]>(
        `insert into users (id, login, name, email, password_hash, authz_version, session_version, created_at)
         select gen_random_uuid(), l, l, l || '@legacy.test', ?, 1, 1, now() from unnest(?::text[]) l
         on conflict (login) do update set login = excluded.login returning id, login`,
        [passwordHash, sqlArray(logins)],
      );
      const rows: [string, string, string | null, string | null][] = [];
      for (const user of inserted) {
        let roll = random() * totalWeight;
        const archetype = archetypes.find((candidate) => (roll -= candidate.weight) < 0) ?? archetypes[0];
        if (!archetype || archetype.scope === 'none') continue;
        const homes =
          archetype.scope === 'global' ? [null] : random() < 0.15 ? [pick(organizations), pick(organizations)] : [pick(organizations)];
        for (const home of homes) {
          const scope: [string | null, string | null] =
            archetype.scope === 'organization' && home
              ? ['organization', home.id]
              : archetype.scope === 'repository' && home
                ? ['repository', pick(repositories.filter((repository) => repository.organization_id === home.id)).id]
                : [null, null];
          for (const flag of archetype.flags) rows.push([user.id, flag, ...scope]);
        }
      }
      if (rows.length > 0) {
        await em.execute(
          `insert into legacy_permission_flags (id, user_id, flag, scope_type, scope_id)
           select gen_random_uuid(), u::uuid, f, nullif(t, ''), nullif(s, '')::uuid from unnest(?::text[], ?::text[], ?::text[], ?::text[]) as x(u, f, t, s)
           on conflict do nothing`,
          [
            sqlArray(rows.map((row) => row[0])),
            sqlArray(rows.map((row) => row[1])),
            sqlArray(rows.map((row) => row[2] ?? '')),
            sqlArray(rows.map((row) => row[3] ?? '')),
          ],
          'run',
        );
        flagCount += rows.length;
      }
      progress.update(`${Math.min(start + batchSize - 1, userCount)}/${userCount} users`);
    }
    progress.done();
    console.log(
      `Generated ${userCount} legacy users, ${organizations.length} organizations, ${repositories.length} repositories and ${flagCount} flags.`,
    );
  } finally {
    await db.close();
  }
});
