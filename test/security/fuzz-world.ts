import type { TestServer, Persona } from '../helpers/test-server.js';
import { inDays } from '../helpers/time.js';
import type { IdKind, OwnIds } from './fuzz-variables.js';

/** An existing object a persona cannot see, by id. */
export interface HiddenId {
  readonly label: string;
  readonly kind: Exclude<IdKind, 'resource' | 'user'>;
  readonly id: string;
}

/** An existing object a persona cannot see, by the names a lookup takes (`{ owner: 'beatles', name: 'infra' }`). */
export interface HiddenName {
  readonly label: string;
  readonly names: Readonly<Record<string, string>>;
}

/** The fuzzer's personas: anonymous, an outsider, a member, and an admin (so arguments behind a permission reach their resolver). */
export const fuzzPersonas = ['anonymous', 'nobody', 'paul', 'john'] as const satisfies readonly Persona[];
/** One of `fuzzPersonas`. */
export type FuzzPersona = (typeof fuzzPersonas)[number];

/** Who can see what, which ids each persona acts on, and which ids belong to another tenant. */
export interface FuzzWorld {
  readonly own: Readonly<Record<FuzzPersona, OwnIds>>;
  readonly hiddenIds: Readonly<Record<FuzzPersona, readonly HiddenId[]>>;
  readonly hiddenNames: Readonly<Record<FuzzPersona, readonly HiddenName[]>>;
  /** Objects of monsters, a tenant none of the fuzz personas belongs to, by kind. */
  readonly foreign: Readonly<Record<IdKind, string>>;
}

// Each object with the scope that makes it visible; grants are visible only to who manages members.
// quarrymen (made by `buildFuzzWorld`) has no default repository role: paul is a member who cannot see its repository `secret`.
const catalog: readonly { name: string; kind: HiddenId['kind']; scope: string }[] = [
  { name: 'beatles', kind: 'organization', scope: 'beatles' },
  { name: 'abbey-road', kind: 'repository', scope: 'beatles' },
  { name: 'infra', kind: 'repository', scope: 'beatles' },
  { name: 'abbey-road#1', kind: 'issue', scope: 'beatles' },
  { name: 'infra#1', kind: 'issue', scope: 'beatles' },
  { name: 'role:ci-cd', kind: 'role', scope: 'beatles' },
  { name: 'grant:beatles', kind: 'grant', scope: 'beatles/grants' },
  { name: 'monsters', kind: 'organization', scope: 'monsters' },
  { name: 'scare-floor', kind: 'repository', scope: 'monsters' },
  { name: 'scare-floor#1', kind: 'issue', scope: 'monsters' },
  { name: 'role:scarer', kind: 'role', scope: 'monsters' },
  { name: 'grant:monsters', kind: 'grant', scope: 'monsters/grants' },
  { name: 'quarrymen', kind: 'organization', scope: 'quarrymen' },
  { name: 'role:qa', kind: 'role', scope: 'quarrymen' },
  { name: 'secret', kind: 'repository', scope: 'quarrymen/secret' },
  { name: 'secret#1', kind: 'issue', scope: 'quarrymen/secret' },
  { name: 'grant:quarrymen', kind: 'grant', scope: 'quarrymen/grants' },
];
const lookups: readonly { label: string; scope: string; names: Record<string, string> }[] = [
  { label: 'organization beatles', scope: 'beatles', names: { login: 'beatles' } },
  { label: 'organization monsters', scope: 'monsters', names: { login: 'monsters' } },
  { label: 'organization quarrymen', scope: 'quarrymen', names: { login: 'quarrymen' } },
  { label: 'repository beatles/infra', scope: 'beatles', names: { owner: 'beatles', name: 'infra' } },
  { label: 'repository monsters/scare-floor', scope: 'monsters', names: { owner: 'monsters', name: 'scare-floor' } },
  { label: 'repository quarrymen/secret', scope: 'quarrymen/secret', names: { owner: 'quarrymen', name: 'secret' } },
];
const visibleScopes: Record<FuzzPersona, readonly string[]> = {
  anonymous: [],
  nobody: [],
  paul: ['beatles', 'quarrymen'],
  john: ['beatles', 'beatles/grants', 'quarrymen', 'quarrymen/secret', 'quarrymen/grants'],
};

/**
 * Arranges what the fuzzer needs beyond the demo cast, through the API: quarrymen (john's, no
 * default repository role; paul and stu members) with a repository `secret` paul cannot see, its
 * issue, a custom role `qa` held by pete, a custom role and a grant in each tenant.
 */
export async function buildFuzzWorld(api: TestServer): Promise<FuzzWorld> {
  const ids: Record<string, string> = { ...api.ids };
  const run = async (persona: Persona, query: string, input: Record<string, unknown>) => api.setup(persona, query, { input });
  const pick = (data: Record<string, unknown>, ...path: string[]) =>
    path.reduce<unknown>((node, step) => (node as Record<string, unknown>)[step], data) as string;
  const grant = async (persona: Persona, userId: string, resourceId: string) =>
    pick(
      await run(persona, 'mutation($input: GrantPermissionInput!) { grantPermission(input: $input) { grant { id } } }', {
        userId,
        resourceId,
        permission: 'trigger_workflow:repository',
        reason: 'Fuzz fixture',
        expiresAt: inDays(30),
      }),
      'grantPermission',
      'grant',
      'id',
    );
  const customRole = async (persona: Persona, organizationId: string, name: string) =>
    pick(
      await run(persona, 'mutation($input: CreateCustomRoleInput!) { createCustomRole(input: $input) { role { id } } }', {
        organizationId,
        name,
        resourceType: 'REPOSITORY',
        permissions: ['read:repository'],
      }),
      'createCustomRole',
      'role',
      'id',
    );

  for (const login of ['stu', 'pete']) {
    ids[login] = pick(
      await run('anonymous', 'mutation($input: SignUpInput!) { signUp(input: $input) { user { id } } }', {
        login,
        name: login,
        email: `${login}@fuzz.test`,
        password: 'correct-horse-battery-staple',
      }),
      'signUp',
      'user',
      'id',
    );
  }
  ids.quarrymen = pick(
    await run('john', 'mutation($input: CreateOrganizationInput!) { createOrganization(input: $input) { organization { id } } }', {
      login: 'quarrymen',
      name: 'The Quarrymen',
    }),
    'createOrganization',
    'organization',
    'id',
  );
  await run('john', 'mutation($input: UpdateOrganizationInput!) { updateOrganization(input: $input) { organization { id } } }', {
    organizationId: ids.quarrymen,
    defaultRepositoryRole: null,
  });
  for (const member of ['paul', 'stu']) {
    await run('john', 'mutation($input: AddMemberInput!) { addMember(input: $input) { membership { role { name } } } }', {
      organizationId: ids.quarrymen,
      userId: ids[member],
      role: 'member',
    });
  }
  ids.secret = pick(
    await run('john', 'mutation($input: CreateRepositoryInput!) { createRepository(input: $input) { repository { id } } }', {
      organizationId: ids.quarrymen,
      name: 'secret',
    }),
    'createRepository',
    'repository',
    'id',
  );
  ids['secret#1'] = pick(
    await run('john', 'mutation($input: CreateIssueInput!) { createIssue(input: $input) { issue { id } } }', {
      repositoryId: ids.secret,
      title: 'Hidden issue',
    }),
    'createIssue',
    'issue',
    'id',
  );
  ids['role:qa'] = await customRole('john', ids.quarrymen, 'qa');
  // Held by pete, whom no baseline names, so deleting it always needs a valid reassignTo: a fuzzed one cannot delete it.
  await run('john', 'mutation($input: AssignRepositoryRoleInput!) { assignRepositoryRole(input: $input) { repository { id } } }', {
    repositoryId: ids.secret,
    userId: ids.pete,
    role: 'qa',
  });
  ids['grant:quarrymen'] = await grant('john', ids.stu as string, ids.secret);
  ids['grant:beatles'] = await grant('john', ids.ringo as string, ids.infra as string);
  // An access review of beatles, so that the fields of a review (its items) run with the fuzzed arguments.
  await run('john', 'mutation($input: StartAccessReviewInput!) { startAccessReview(input: $input) { accessReview { id } } }', {
    organizationId: ids.beatles,
    dueAt: inDays(30),
    whenUndecided: 'KEEP',
  });
  ids['role:scarer'] = await customRole('mike', ids.monsters as string, 'scarer');
  ids['grant:monsters'] = await grant('mike', ids.sully as string, ids['scare-floor'] as string);

  const id = (name: string) => ids[name] ?? `missing fixture ${name}`;
  const hidden = (persona: FuzzPersona) =>
    catalog
      .filter((object) => !visibleScopes[persona].includes(object.scope))
      .map((object) => ({ label: object.name, kind: object.kind, id: id(object.name) }));
  const hiddenNames = (persona: FuzzPersona) => lookups.filter((lookup) => !visibleScopes[persona].includes(lookup.scope));
  const own = (names: Partial<Record<IdKind, string>>): OwnIds =>
    Object.fromEntries(Object.entries(names).map(([kind, name]) => [kind, id(name)]));
  return {
    own: {
      anonymous: {},
      nobody: {},
      paul: own({ organization: 'beatles', repository: 'abbey-road', issue: 'abbey-road#1', role: 'role:ci-cd', user: 'paul' }),
      // john acts in quarrymen only: what a fuzzed mutation of his may change stays out of beatles, which every persona reads.
      john: own({ organization: 'quarrymen', repository: 'secret', issue: 'secret#1', role: 'role:qa', user: 'stu' }),
    },
    hiddenIds: { anonymous: hidden('anonymous'), nobody: hidden('nobody'), paul: hidden('paul'), john: hidden('john') },
    hiddenNames: {
      anonymous: hiddenNames('anonymous'),
      nobody: hiddenNames('nobody'),
      paul: hiddenNames('paul'),
      john: hiddenNames('john'),
    },
    foreign: {
      organization: id('monsters'),
      repository: id('scare-floor'),
      issue: id('scare-floor#1'),
      role: id('role:scarer'),
      grant: id('grant:monsters'),
      user: id('sully'),
      resource: id('scare-floor'),
    },
  };
}
