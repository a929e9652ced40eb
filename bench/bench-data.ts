import type { EntityManager } from '../src/db/database.js';

/** Repositories the bench adds to `beatles`. */
export const benchRepositories = 100;
/** Issues the bench gives each of its repositories. */
export const issuesPerRepository = 5;

/** The large organization of the "who has access" shapes: members, repositories, and direct grants on them. */
export const largeOrganization = { login: 'bench-large', members: 5000, repositories: 200, grants: 1000 } as const;

/**
 * Adds the bench's data to a seeded database: 100 repositories in `beatles`, each with one
 * explicit collaborator (ringo, contributor), one workflow run and five issues; and the large
 * organization (john its admin, 5,000 members, 200 repositories, 1,000 grants on them). Idempotent:
 * a database that has them already is left alone.
 */
export async function addBenchData(em: EntityManager): Promise<void> {
  const [present] = await em.execute<{ count: string }[]>(`select count(*) from repositories where name like 'bench-%'`);
  if (Number(present?.count ?? 0) > 0) return;
  await em.execute(
    `insert into repositories (id, organization_id, name, description, readme, created_at)
     select gen_random_uuid(), o.id, 'bench-' || lpad(i::text, 3, '0'), 'Bench repository ' || i, '# Bench ' || i, now()
     from organizations o cross join generate_series(1, ?) as i where o.login = 'beatles'`,
    [benchRepositories],
    'run',
  );
  await em.execute(
    `insert into role_assignments (id, user_id, role_id, resource_type, resource_id, created_at)
     select gen_random_uuid(), u.id, r.id, 'repository', rep.id, now()
     from repositories rep, users u, roles r
     where rep.name like 'bench-%' and u.login = 'ringo' and r.name = 'contributor' and r.resource_type = 'repository' and r.built_in`,
    [],
    'run',
  );
  await em.execute(
    `insert into workflow_runs (id, repository_id, workflow, triggered_by_id, created_at)
     select gen_random_uuid(), rep.id, 'build', u.id, now() from repositories rep, users u where rep.name like 'bench-%' and u.login = 'john'`,
    [],
    'run',
  );
  await em.execute(
    `insert into issues (id, repository_id, number, title, body, state, author_id, created_at)
     select gen_random_uuid(), rep.id, n, 'Issue ' || n, 'Body ' || n, 'OPEN', u.id, now()
     from repositories rep cross join generate_series(1, ?) as n, users u where rep.name like 'bench-%' and u.login = 'paul'`,
    [issuesPerRepository],
    'run',
  );
  await addLargeOrganization(em);
  // A database in use is analyzed by autovacuum; this one was filled a moment ago.
  await em.execute('analyze', [], 'run');
}

/** The large organization: john admin, `members` new users as members, `repositories` repositories, `grants` grants on them to members. */
async function addLargeOrganization(em: EntityManager): Promise<void> {
  const { login, members, repositories, grants } = largeOrganization;
  const run = (sql: string, params: unknown[] = []) => em.execute(sql, params, 'run');
  await run(
    `insert into organizations (id, login, name, default_repository_role_id, created_at)
     select gen_random_uuid(), ?, 'Bench large', r.id, now() from roles r where r.name = 'contributor' and r.built_in`,
    [login],
  );
  await run(
    `insert into users (id, login, name, email, password_hash, created_at)
     select gen_random_uuid(), ? || '-' || lpad(n::text, 5, '0'), 'Member ' || n, ? || '-' || n || '@bench.test', 'x', now()
     from generate_series(1, ?) as n`,
    [login, login, members],
  );
  await run(
    `insert into role_assignments (id, user_id, role_id, resource_type, resource_id, created_at)
     select gen_random_uuid(), u.id, r.id, 'organization', o.id, now()
     from organizations o, users u, roles r
     where o.login = ? and r.built_in and r.resource_type = 'organization'
       and ((u.login = 'john' and r.name = 'admin') or (u.login like ? || '-%' and r.name = 'member'))`,
    [login, login],
  );
  await run(
    `insert into repositories (id, organization_id, name, created_at)
     select gen_random_uuid(), o.id, 'large-' || lpad(i::text, 3, '0'), now() from organizations o cross join generate_series(1, ?) as i where o.login = ?`,
    [repositories, login],
  );
  await run(
    `insert into permission_grants (id, user_id, permission, resource_type, resource_id, organization_id, reason, expires_at, created_at)
     select gen_random_uuid(), u.id, 'trigger_workflow:repository', 'repository', rep.id, o.id, 'bench', now() + interval '30 days', now()
     from generate_series(1, ?) as n
     join organizations o on o.login = ?
     join repositories rep on rep.organization_id = o.id and rep.name = 'large-' || lpad((1 + n % ?)::text, 3, '0')
     join users u on u.login = ? || '-' || lpad((1 + (n * 7) % ?)::text, 5, '0')`,
    [grants, login, repositories, login, members],
  );
}
