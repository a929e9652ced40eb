import type { EntityManager } from '../src/db/database.js';

/** Repositories the bench adds to `beatles`. */
export const benchRepositories = 100;
/** Issues the bench gives each of its repositories. */
export const issuesPerRepository = 5;

/**
 * Adds the bench's data to a seeded database: 100 repositories in `beatles`, each with one
 * explicit collaborator (ringo, contributor), one workflow run and five issues. Idempotent: a
 * database that has them already is left alone.
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
}
