import { hashPassword } from '../../auth/password.js';
import { IssueEntity } from '../entities/issue.entity.js';
import { OrganizationEntity } from '../entities/organization.entity.js';
import { RepositoryEntity } from '../entities/repository.entity.js';
import { RoleAssignmentEntity } from '../entities/role-assignment.entity.js';
import { RoleEntity } from '../entities/role.entity.js';
import { UserEntity } from '../entities/user.entity.js';
import type { EntityManager } from '../../db/database.js';
import { demoEmail, demoPassword, demoUsers, type DemoLogin } from './demo-cast.js';
import { sqlArray } from '../../db/sql-array.js';

/**
 * Seeds the demo data once (skipped when user `john` exists): organizations beatles and monsters,
 * repositories abbey-road, infra and scare-floor, a custom role `ci-cd`, an outside collaborator
 * and a few issues.
 */
export async function seedDemoData(em: EntityManager): Promise<boolean> {
  if (await em.findOne(UserEntity, { login: 'john' })) return false;
  await em.transactional(async (tx) => {
    const passwordHash = await hashPassword(demoPassword);
    const users = Object.fromEntries(
      Object.keys(demoUsers).map((login) => [
        login,
        tx.create(UserEntity, {
          login,
          name: login[0]?.toUpperCase() + login.slice(1),
          email: demoEmail(login),
          passwordHash,
          suspendedAt: null,
        }),
      ]),
    ) as unknown as Record<DemoLogin, { id: string }>;
    const builtIn = new Map((await tx.find(RoleEntity, { builtIn: true })).map((role) => [role.name, role.id]));
    const role = (name: string) => builtIn.get(name) as string;
    const assign = (login: DemoLogin, roleId: string, resourceType: string, resourceId: string) =>
      tx.create(RoleAssignmentEntity, { user: users[login].id, role: roleId, resourceType, resourceId });

    const beatles = tx.create(OrganizationEntity, {
      login: 'beatles',
      name: 'The Beatles',
      billingEmail: 'accounts@beatles.test',
      defaultRepositoryRole: role('contributor'),
    });
    const monsters = tx.create(OrganizationEntity, {
      login: 'monsters',
      name: 'Monsters, Inc.',
      billingEmail: 'billing@monsters.test',
      defaultRepositoryRole: role('contributor'),
    });
    // Roles name their organization by id (no relation the unit of work could order inserts by): the organizations go first.
    await tx.flush();
    assign('john', role('admin'), 'organization', beatles.id);
    assign('paul', role('member'), 'organization', beatles.id);
    assign('ringo', role('member'), 'organization', beatles.id);
    assign('george', role('member'), 'organization', beatles.id);
    assign('bill', role('billing'), 'organization', beatles.id);
    assign('mike', role('admin'), 'organization', monsters.id);
    assign('sully', role('member'), 'organization', monsters.id);

    const abbeyRoad = tx.create(RepositoryEntity, {
      organization: beatles,
      name: 'abbey-road',
      description: 'The eleventh studio album.',
      readme: '# Abbey Road\nCome together, right now.',
    });
    const infra = tx.create(RepositoryEntity, {
      organization: beatles,
      name: 'infra',
      description: 'Infrastructure as code.',
      readme: '# infra\nTerraform for the studio.',
    });
    const scareFloor = tx.create(RepositoryEntity, {
      organization: monsters,
      name: 'scare-floor',
      description: 'Door station scheduling.',
      readme: '# Scare floor\nWe scare because we care.',
    });
    const cicd = tx.create(RoleEntity, {
      name: 'ci-cd',
      description: 'Runs the pipelines; cannot read the code.',
      resourceType: 'repository',
      builtIn: false,
      organizationId: beatles.id,
    });
    await tx.flush();
    await tx.execute(
      `insert into role_permissions (role_id, permission_id) select ?, id from permissions where name = any(?::text[])`,
      [cicd.id, sqlArray(['read:repository', 'trigger_workflow:repository', 'manage_issues:repository'])],
      'run',
    );
    assign('john', role('maintainer'), 'repository', abbeyRoad.id);
    assign('ringo', role('maintainer'), 'repository', abbeyRoad.id);
    assign('george', cicd.id, 'repository', infra.id);
    assign('randall', role('contributor'), 'repository', abbeyRoad.id);
    // An explicit role below maintainer: admins stay maintainers whatever else they hold.
    assign('mike', role('contributor'), 'repository', scareFloor.id);

    tx.create(IssueEntity, {
      repository: abbeyRoad,
      number: 1,
      title: 'Come Together',
      body: 'Here come old flat top.',
      author: users.paul.id,
      state: 'OPEN',
    });
    tx.create(IssueEntity, {
      repository: abbeyRoad,
      number: 2,
      title: 'Octopus garden',
      body: 'In the shade.',
      author: users.ringo.id,
      state: 'OPEN',
    });
    tx.create(IssueEntity, {
      repository: abbeyRoad,
      number: 3,
      title: 'Track list',
      body: 'Outside view.',
      author: users.randall.id,
      state: 'OPEN',
    });
    tx.create(IssueEntity, { repository: infra, number: 1, title: 'Rotate studio keys', body: null, author: users.john.id, state: 'OPEN' });
    tx.create(IssueEntity, {
      repository: scareFloor,
      number: 1,
      title: 'Door jam on station 7',
      body: null,
      author: users.sully.id,
      state: 'OPEN',
    });
  });
  return true;
}
