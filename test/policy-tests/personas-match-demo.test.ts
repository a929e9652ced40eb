// policy-tests/personas.yaml declares a world of its own (a policy-test file is self-contained), and
// that world is the README's personas: the demo seed's users, memberships, custom roles, default
// roles, explicit repository roles and issues, row for row. This fails when either drifts.
import { afterAll, expect, it } from 'vitest';
import type { Database, EntityManager } from '../../src/db/database.js';
import { openGitClubDatabase } from '../../src/gitclub/gitclub-database.js';
import { projectRoot } from '../../src/project-root.js';
import { readPolicyTestFile } from '../../src/policy-tests/read-policy-test-file.js';
import { insertWorld } from '../../src/policy-tests/world/insert-world.js';
import { createTestDatabase, type TestDatabase } from '../helpers/test-database.js';
import { testWorldDatabases } from './test-world-databases.js';

/** Who holds what, as sorted lines by name (no ids, no times): what the two worlds must share. */
async function describeWorld(em: EntityManager): Promise<string[]> {
  const rows = await em.execute<{ line: string }[]>(
    `select 'user ' || login || case when suspended_at is null then '' else ' suspended' end as line from users
     union all select 'organization ' || o.login || ' default ' || coalesce(r.name, 'none') from organizations o
       left join roles r on r.id = o.default_repository_role_id
     union all select 'custom role ' || o.login || ' ' || r.name || ': ' || string_agg(p.name, ' ' order by p.name) from roles r
       join organizations o on o.id = r.organization_id join role_permissions rp on rp.role_id = r.id join permissions p on p.id = rp.permission_id
       group by o.login, r.name
     union all select 'member ' || o.login || ' ' || u.login || ' ' || r.name from role_assignments a
       join users u on u.id = a.user_id join roles r on r.id = a.role_id join organizations o on o.id = a.resource_id
       where a.resource_type = 'organization'
     union all select 'collaborator ' || o.login || '/' || repo.name || ' ' || u.login || ' ' || r.name from role_assignments a
       join users u on u.id = a.user_id join roles r on r.id = a.role_id join repositories repo on repo.id = a.resource_id
       join organizations o on o.id = repo.organization_id where a.resource_type = 'repository'
     union all select 'issue ' || o.login || '/' || repo.name || '#' || i.number || ' by ' || u.login || ' ' || i.state || ': ' || i.title
       from issues i join repositories repo on repo.id = i.repository_id join organizations o on o.id = repo.organization_id
       join users u on u.id = i.author_id
     union all select 'repository ' || o.login || '/' || r.name || ': ' || coalesce(r.readme, '') from repositories r
       join organizations o on o.id = r.organization_id`,
  );
  return rows.map((row) => row.line).sort();
}

let demo: TestDatabase | undefined;
let demoDb: Database | undefined;
afterAll(async () => {
  await demoDb?.close(true);
  await demo?.drop();
});

it('the personas world is the demo seed', async () => {
  demo = await createTestDatabase({ from: 'seeded' });
  demoDb = await openGitClubDatabase(
    { databaseUrl: demo.databaseUrl, pgliteDataDir: demo.databaseUrl ? '' : 'memory://', pgliteTemplate: demo.pgliteTemplate },
    { seedDemoData: false },
  );
  const personas = await readPolicyTestFile(`${projectRoot}/policy-tests/personas.yaml`, 'policy-tests/personas.yaml');
  const world = await testWorldDatabases()();
  try {
    await insertWorld(world.db.em.fork(), personas.document.world);
    const described = await describeWorld(world.db.em.fork());
    expect(described).toEqual(await describeWorld(demoDb.em.fork()));
    expect(described.length).toBeGreaterThan(30);
  } finally {
    await world.close();
  }
});
