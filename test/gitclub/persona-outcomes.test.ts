import { afterAll, beforeAll, describe, it } from 'vitest';
import { expectOutcome, type Outcome } from '../helpers/outcomes.js';
import { startTestServer, type Persona, type TestServer } from '../helpers/test-server.js';

/**
 * The policy, persona by persona. Each row is one operation; each cell the outcome one persona
 * must get. Personas (see src/gitclub/demo/demo-cast.ts): john admin of beatles; paul, ringo, george members
 * (ringo explicit maintainer of abbey-road, george custom `ci-cd` on infra); bill billing; mike
 * admin and sully member of monsters (mike holds an explicit contributor role on scare-floor);
 * randall outside collaborator (contributor on abbey-road only); nobody in no organization.
 */
interface Row {
  readonly rule: string;
  readonly operation: (ids: Record<string, string>, persona: Persona) => { query: string; variables?: Record<string, unknown> };
  /** Response path of the field under test. */
  readonly path: string;
  readonly expect: Partial<Record<Persona, Outcome>>;
}

const read = (query: string) => () => ({ query });
const org = (fields: string) => read(`{ organization(login: "beatles") { ${fields} } }`);
const repo = (owner: string, name: string, fields: string) => read(`{ repository(owner: "${owner}", name: "${name}") { ${fields} } }`);
const mutation =
  (name: string, input: (ids: Record<string, string>, persona: Persona) => Record<string, unknown>, selection: string) =>
  (ids: Record<string, string>, persona: Persona) => ({
    query: `mutation($input: ${name[0]?.toUpperCase()}${name.slice(1)}Input!) { ${name}(input: $input) { ${selection} } }`,
    variables: { input: input(ids, persona) },
  });

const outsiders = {
  mike: 'NOT_FOUND',
  sully: 'NOT_FOUND',
  randall: 'NOT_FOUND',
  nobody: 'NOT_FOUND',
  anonymous: 'UNAUTHENTICATED',
} as const;

const rows: Row[] = [
  // Organization roles
  {
    rule: 'members, billing and admins see their organization; other tenants get NOT_FOUND',
    operation: org('name'),
    path: 'organization',
    expect: { john: 'allowed', paul: 'allowed', ringo: 'allowed', george: 'allowed', bill: 'allowed', ...outsiders },
  },
  {
    rule: 'billing email needs read_billing (billing, admin)',
    operation: org('billingEmail'),
    path: 'organization.billingEmail',
    expect: { john: 'allowed', bill: 'allowed', paul: 'FORBIDDEN', ringo: 'FORBIDDEN', george: 'FORBIDDEN', ...outsiders },
  },
  {
    rule: 'members need read_members; billing lacks it',
    operation: org('members { totalCount nodes { user { login } role { name } } }'),
    path: 'organization.members',
    expect: { john: 'allowed', paul: 'allowed', ringo: 'allowed', george: 'allowed', bill: 'FORBIDDEN', ...outsiders },
  },
  {
    rule: 'custom roles are listed with read_members',
    operation: org('customRoles { name }'),
    path: 'organization.customRoles',
    expect: { john: 'allowed', paul: 'allowed', bill: 'FORBIDDEN', ...outsiders },
  },
  {
    rule: 'the audit log needs read_audit_log (admin only)',
    operation: org('auditLog { totalCount }'),
    path: 'organization.auditLog',
    expect: { john: 'allowed', paul: 'FORBIDDEN', bill: 'FORBIDDEN', ...outsiders },
  },
  // Repository roles: default, explicit, admin-as-maintainer, outside collaborators
  {
    rule: 'the default role lets members read; billing gets no default role',
    operation: repo('beatles', 'abbey-road', 'name'),
    path: 'repository',
    expect: {
      john: 'allowed',
      paul: 'allowed',
      ringo: 'allowed',
      george: 'allowed',
      randall: 'allowed',
      bill: 'NOT_FOUND',
      mike: 'NOT_FOUND',
      sully: 'NOT_FOUND',
      nobody: 'NOT_FOUND',
      anonymous: 'UNAUTHENTICATED',
    },
  },
  {
    rule: 'outside collaborators and members read code through their roles',
    operation: repo('beatles', 'abbey-road', 'readme'),
    path: 'repository.readme',
    expect: {
      john: 'allowed',
      paul: 'allowed',
      ringo: 'allowed',
      george: 'allowed',
      randall: 'allowed',
      bill: 'NOT_FOUND',
      mike: 'NOT_FOUND',
    },
  },
  {
    rule: 'custom role ci-cd replaces the default on infra: no code; admins are maintainers without an explicit role',
    operation: repo('beatles', 'infra', 'readme'),
    path: 'repository.readme',
    expect: {
      john: 'allowed',
      paul: 'allowed',
      ringo: 'allowed',
      george: 'FORBIDDEN',
      randall: 'NOT_FOUND',
      bill: 'NOT_FOUND',
      mike: 'NOT_FOUND',
    },
  },
  {
    rule: 'workflow runs need trigger_workflow (ci-cd, maintainers)',
    operation: repo('beatles', 'infra', 'workflowRuns { totalCount }'),
    path: 'repository.workflowRuns',
    expect: { john: 'allowed', george: 'allowed', paul: 'FORBIDDEN', ringo: 'FORBIDDEN', randall: 'NOT_FOUND' },
  },
  {
    rule: 'collaborators need manage_roles on the repository',
    operation: repo('beatles', 'abbey-road', 'collaborators { user { login } role { name } }'),
    path: 'repository.collaborators',
    expect: { john: 'allowed', ringo: 'allowed', paul: 'FORBIDDEN', george: 'FORBIDDEN', randall: 'FORBIDDEN', bill: 'NOT_FOUND' },
  },
  {
    rule: "an outside collaborator cannot see the repository's organization",
    operation: repo('beatles', 'abbey-road', 'organization { login }'),
    path: 'repository.organization',
    expect: { john: 'allowed', paul: 'allowed', randall: 'NOT_FOUND' },
  },
  {
    rule: 'cross-tenant reads answer NOT_FOUND, never FORBIDDEN',
    operation: repo('monsters', 'scare-floor', 'name readme'),
    path: 'repository',
    expect: { mike: 'allowed', sully: 'allowed', john: 'NOT_FOUND', paul: 'NOT_FOUND', randall: 'NOT_FOUND', nobody: 'NOT_FOUND' },
  },
  {
    rule: 'issues are readable with the repository',
    operation: repo('beatles', 'abbey-road', 'issues { nodes { title author { login } } }'),
    path: 'repository.issues',
    expect: { paul: 'allowed', randall: 'allowed', bill: 'NOT_FOUND' },
  },
  {
    rule: 'a user sees their own email only',
    operation: read('{ user(login: "paul") { email } }'),
    path: 'user.email',
    expect: { paul: 'allowed', john: 'FORBIDDEN', nobody: 'FORBIDDEN', anonymous: 'UNAUTHENTICATED' },
  },
  {
    rule: 'the catalog and built-in roles are public',
    operation: read('{ permissionCatalog { name resourceType } builtInRoles { name resourceType permissions } }'),
    path: 'builtInRoles',
    expect: { anonymous: 'allowed', nobody: 'allowed' },
  },
  // Mutations on repositories and issues
  {
    rule: 'updating a repository needs update:repository (maintainers; admins as maintainers)',
    operation: mutation(
      'updateRepository',
      (ids) => ({ repositoryId: ids['abbey-road'], description: 'Remastered.' }),
      'repository { description }',
    ),
    path: 'updateRepository',
    expect: {
      john: 'allowed',
      ringo: 'allowed',
      paul: 'FORBIDDEN',
      george: 'FORBIDDEN',
      randall: 'FORBIDDEN',
      bill: 'NOT_FOUND',
      mike: 'NOT_FOUND',
      nobody: 'NOT_FOUND',
      anonymous: 'UNAUTHENTICATED',
    },
  },
  {
    rule: 'an admin with an explicit contributor role is still maintainer',
    operation: mutation(
      'updateRepository',
      (ids) => ({ repositoryId: ids['scare-floor'], description: 'Doors.' }),
      'repository { description }',
    ),
    path: 'updateRepository',
    expect: { mike: 'allowed', sully: 'FORBIDDEN', john: 'NOT_FOUND' },
  },
  {
    rule: 'ci-cd triggers workflows on infra; contributors cannot',
    operation: mutation(
      'triggerWorkflow',
      (ids) => ({ repositoryId: ids.infra, workflow: 'deploy' }),
      'workflowRun { workflow triggeredBy { login } }',
    ),
    path: 'triggerWorkflow',
    expect: { george: 'allowed', john: 'allowed', paul: 'FORBIDDEN', ringo: 'FORBIDDEN', randall: 'NOT_FOUND', bill: 'NOT_FOUND' },
  },
  {
    rule: 'contributors (default or explicit) open issues; ci-cd cannot',
    operation: mutation('createIssue', (ids) => ({ repositoryId: ids['abbey-road'], title: 'A note' }), 'issue { number }'),
    path: 'createIssue',
    expect: { paul: 'allowed', randall: 'allowed', ringo: 'allowed', bill: 'NOT_FOUND', sully: 'NOT_FOUND' },
  },
  {
    rule: 'ci-cd holds no create_issue',
    operation: mutation('createIssue', (ids) => ({ repositoryId: ids.infra, title: 'A note' }), 'issue { number }'),
    path: 'createIssue',
    expect: { george: 'FORBIDDEN', paul: 'allowed' },
  },
  {
    rule: 'authors close their own issues; maintainers close any; others cannot',
    operation: mutation('closeIssue', (ids) => ({ issueId: ids['abbey-road#1'] }), 'issue { state }'),
    path: 'closeIssue',
    expect: {
      paul: 'allowed',
      ringo: 'allowed',
      john: 'allowed',
      george: 'FORBIDDEN',
      randall: 'FORBIDDEN',
      bill: 'NOT_FOUND',
      mike: 'NOT_FOUND',
    },
  },
  {
    rule: 'an outside collaborator closes the issue they wrote',
    operation: mutation('closeIssue', (ids) => ({ issueId: ids['abbey-road#3'] }), 'issue { state }'),
    path: 'closeIssue',
    expect: { randall: 'allowed' },
  },
  {
    rule: 'ci-cd closes issues through manage_issues',
    operation: mutation('closeIssue', (ids) => ({ issueId: ids['infra#1'] }), 'issue { state }'),
    path: 'closeIssue',
    expect: { george: 'allowed', paul: 'FORBIDDEN', randall: 'NOT_FOUND' },
  },
  {
    rule: 'authors edit their issues',
    operation: mutation('updateIssue', (ids) => ({ issueId: ids['abbey-road#2'], title: 'Octopus’s Garden' }), 'issue { title }'),
    path: 'updateIssue',
    expect: { ringo: 'allowed', paul: 'FORBIDDEN', randall: 'FORBIDDEN' },
  },
  // Organization mutations
  {
    rule: 'updating an organization needs update:organization',
    operation: mutation('updateOrganization', (ids) => ({ organizationId: ids.beatles, name: 'The Beatles' }), 'organization { name }'),
    path: 'updateOrganization',
    expect: {
      john: 'allowed',
      paul: 'FORBIDDEN',
      bill: 'FORBIDDEN',
      mike: 'NOT_FOUND',
      randall: 'NOT_FOUND',
      anonymous: 'UNAUTHENTICATED',
    },
  },
  {
    rule: 'changing the billing email also needs manage_billing',
    operation: mutation(
      'updateOrganization',
      (ids) => ({ organizationId: ids.beatles, billingEmail: 'pay@beatles.test' }),
      'organization { billingEmail }',
    ),
    path: 'updateOrganization',
    expect: { john: 'allowed', bill: 'FORBIDDEN', paul: 'FORBIDDEN' },
  },
  {
    rule: 'members create repositories; billing cannot',
    operation: mutation(
      'createRepository',
      (ids, persona) => ({ organizationId: ids.beatles, name: `repo-of-${persona}` }),
      'repository { name viewerRole { name } }',
    ),
    path: 'createRepository',
    expect: { paul: 'allowed', john: 'allowed', bill: 'FORBIDDEN', randall: 'NOT_FOUND', mike: 'NOT_FOUND' },
  },
  {
    rule: 'custom roles need manage_roles:organization',
    operation: mutation(
      'createCustomRole',
      (ids, persona) => ({
        organizationId: ids.beatles,
        name: `triage-${persona}`,
        resourceType: 'REPOSITORY',
        permissions: ['read:repository', 'manage_issues:repository'],
      }),
      'role { name permissions }',
    ),
    path: 'createCustomRole',
    expect: { john: 'allowed', paul: 'FORBIDDEN', bill: 'FORBIDDEN', mike: 'NOT_FOUND' },
  },
  {
    rule: 'a random id is indistinguishable from an invisible one',
    operation: mutation(
      'updateRepository',
      () => ({ repositoryId: '0f8fad5b-d9cb-469f-a165-70867728950e', description: 'x' }),
      'repository { id }',
    ),
    path: 'updateRepository',
    expect: { john: 'NOT_FOUND', nobody: 'NOT_FOUND' },
  },
  {
    rule: 'a malformed id is bad input',
    operation: mutation('updateRepository', () => ({ repositoryId: 'not-a-uuid', description: 'x' }), 'repository { id }'),
    path: 'updateRepository',
    expect: { john: 'BAD_USER_INPUT', nobody: 'BAD_USER_INPUT' },
  },
];

let api: TestServer;
beforeAll(async () => {
  api = await startTestServer();
});
afterAll(async () => {
  await api?.stop();
});

describe('persona x operation', () => {
  const cases = rows.flatMap((row) =>
    Object.entries(row.expect).map(([persona, outcome]) => ({ row, persona: persona as Persona, outcome: outcome as Outcome })),
  );
  it.each(cases)('$row.rule — $persona: $outcome', async ({ row, persona, outcome }) => {
    const { query, variables } = row.operation(api.ids, persona);
    expectOutcome(await api.gql(persona, query, variables), row.path, outcome);
  });
});
