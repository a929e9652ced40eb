import type { GraphQLFormattedError } from 'graphql';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { maxCustomRolesPerOrganization } from '../../src/gitclub/guards/custom-role-limit-guard.js';
import { startTestServer, type GraphQLResponse, type Persona, type TestServer } from '../helpers/test-server.js';

/**
 * Identical mutations racing each other, mutation kind -> what the racers answer -> what is
 * written. Concurrent requests must answer as if they had run one after another: the first
 * creates, each later one is refused with BAD_USER_INPUT, reason ALREADY_EXISTS (never the
 * database's unique-constraint error as INTERNAL_SERVER_ERROR); exactly one row is created, with
 * exactly one audit entry. A mutation that answers a repeat with success (assignRepositoryRole)
 * answers every racer with success. The custom-role cap holds the same way: racing creations never
 * take an organization past `maxCustomRolesPerOrganization`.
 */
const racers = 10;

/** What the racers answer: one success and N-1 duplicates refused, or N successes (an idempotent mutation). */
type Answers = 'one-success' | 'all-succeed';

/** A SQL count and its parameters. */
interface Count {
  readonly sql: string;
  readonly parameters: readonly unknown[];
}

/** `count\`select count(*) ... where x = ${value}\``: the values become parameters. */
function count(strings: TemplateStringsArray, ...parameters: unknown[]): Count {
  return { sql: strings.join('?'), parameters };
}

interface Race {
  readonly kind: string;
  readonly persona: Persona;
  /** The mutation's root field, where its error and payload are. */
  readonly field: string;
  readonly query: string;
  readonly variables: (ids: Record<string, string>) => Record<string, string>;
  readonly answers: Answers;
  /** The rows the mutation creates: each count must be 1 after the race. */
  readonly creates: (variables: Record<string, string>) => Count[];
  /** The audit entries naming what it creates, and how many there must be. */
  readonly audit: { readonly entries: (variables: Record<string, string>) => Count; readonly expected: number };
}

const races: Race[] = [
  {
    kind: 'signUp',
    persona: 'anonymous',
    field: 'signUp',
    query:
      'mutation($login: String!, $email: String!) { signUp(input: {login: $login, name: "Racer", email: $email, password: "racing-password"}) { user { id } } }',
    variables: () => ({ login: 'racer', email: 'racer@gitclub.test' }),
    answers: 'one-success',
    creates: (v) => [count`select count(*) from users where login = ${v.login} or email = ${v.email}`],
    // Signing up changes no access: nothing is audited.
    audit: {
      entries: (v) =>
        count`select count(*) from audit_log_entries a join users u on u.id in (a.actor_id, a.target_user_id) where u.login = ${v.login}`,
      expected: 0,
    },
  },
  {
    kind: 'createOrganization',
    persona: 'paul',
    field: 'createOrganization',
    query: 'mutation($login: String!) { createOrganization(input: {login: $login, name: "Race"}) { organization { id } } }',
    variables: () => ({ login: 'race-org' }),
    answers: 'one-success',
    creates: (v) => [
      count`select count(*) from organizations where login = ${v.login}`,
      count`select count(*) from role_assignments where resource_type = 'organization' and resource_id in (select id from organizations where login = ${v.login})`,
    ],
    audit: {
      entries: (v) =>
        count`select count(*) from audit_log_entries where action = 'membership.added' and resource_id in (select id from organizations where login = ${v.login})`,
      expected: 1,
    },
  },
  {
    kind: 'createRepository',
    persona: 'john',
    field: 'createRepository',
    query: 'mutation($o: ID!, $name: String!) { createRepository(input: {organizationId: $o, name: $name}) { repository { id } } }',
    variables: (ids) => ({ o: ids.beatles as string, name: 'race-repo' }),
    answers: 'one-success',
    creates: (v) => [
      count`select count(*) from repositories where organization_id = ${v.o} and name = ${v.name}`,
      count`select count(*) from role_assignments where resource_type = 'repository' and resource_id in (select id from repositories where organization_id = ${v.o} and name = ${v.name})`,
    ],
    audit: {
      entries: (v) =>
        count`select count(*) from audit_log_entries where action = 'repository_role.assigned' and resource_id in (select id from repositories where organization_id = ${v.o} and name = ${v.name})`,
      expected: 1,
    },
  },
  {
    // In monsters, so that beatles keeps only its seeded custom roles for the cap below.
    kind: 'createCustomRole',
    persona: 'mike',
    field: 'createCustomRole',
    query:
      'mutation($o: ID!, $name: String!) { createCustomRole(input: {organizationId: $o, name: $name, resourceType: REPOSITORY, permissions: ["read_code:repository"]}) { role { id } } }',
    variables: (ids) => ({ o: ids.monsters as string, name: 'race-role' }),
    answers: 'one-success',
    creates: (v) => [count`select count(*) from roles where organization_id = ${v.o} and name = ${v.name}`],
    audit: {
      entries: (v) =>
        count`select count(*) from audit_log_entries where action = 'custom_role.created' and resource_id in (select id from roles where organization_id = ${v.o} and name = ${v.name})`,
      expected: 1,
    },
  },
  {
    kind: 'addMember',
    persona: 'john',
    field: 'addMember',
    query:
      'mutation($o: ID!, $u: ID!) { addMember(input: {organizationId: $o, userId: $u, role: "member"}) { membership { role { name } } } }',
    variables: (ids) => ({ o: ids.beatles as string, u: ids.nobody as string }),
    answers: 'one-success',
    creates: (v) => [
      count`select count(*) from role_assignments where resource_type = 'organization' and resource_id = ${v.o} and user_id = ${v.u}`,
    ],
    audit: {
      entries: (v) =>
        count`select count(*) from audit_log_entries where action = 'membership.added' and resource_id = ${v.o} and target_user_id = ${v.u}`,
      expected: 1,
    },
  },
  {
    // Note: assigning the role a user already holds is a no-op answered with success (nothing
    // written, no audit entry), so ten of these one after another answer ten successes. Racing
    // must answer the same: a BAD_USER_INPUT here would be an answer no serial order gives, and a
    // client retrying a timed-out assignment would be told it failed when its role is in place.
    // What the race must not do is write twice: one assignment, one audit entry.
    kind: 'assignRepositoryRole',
    persona: 'john',
    field: 'assignRepositoryRole',
    query:
      'mutation($r: ID!, $u: ID!) { assignRepositoryRole(input: {repositoryId: $r, userId: $u, role: "maintainer"}) { repository { id } } }',
    variables: (ids) => ({ r: ids.infra as string, u: ids.paul as string }),
    answers: 'all-succeed',
    creates: (v) => [
      count`select count(*) from role_assignments ra join roles r on r.id = ra.role_id
            where ra.resource_type = 'repository' and ra.resource_id = ${v.r} and ra.user_id = ${v.u} and r.name = 'maintainer'`,
    ],
    audit: {
      entries: (v) =>
        count`select count(*) from audit_log_entries where action = 'repository_role.assigned' and resource_id = ${v.r} and target_user_id = ${v.u}`,
      expected: 1,
    },
  },
];

let api: TestServer;
beforeAll(async () => {
  api = await startTestServer();
});
afterAll(async () => {
  await api?.stop();
});

/** A response as one word: `ok`, or its error's code and reason (`BAD_USER_INPUT/ALREADY_EXISTS`). */
function outcomeOf(response: GraphQLResponse, field: string): string {
  const errors = response.errors ?? [];
  if (errors.length === 0 && response.data?.[field] != null) return 'ok';
  const error: GraphQLFormattedError | undefined = errors.find((candidate) => candidate.path?.[0] === field) ?? errors[0];
  const { code, reason } = (error?.extensions ?? {}) as { code?: string; reason?: string };
  return reason ? `${code}/${reason}` : String(code ?? 'no error, no data');
}

/** How many responses gave each outcome. */
function tally(responses: readonly GraphQLResponse[], field: string): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const response of responses) {
    const outcome = outcomeOf(response, field);
    counts[outcome] = (counts[outcome] ?? 0) + 1;
  }
  return counts;
}

async function run({ sql, parameters }: Count): Promise<number> {
  const [row] = await api.server.db.em.fork().execute<{ count: string | number }[]>(sql, [...parameters]);
  return Number(row?.count);
}

/** Sends one request per set of variables, all at once (the persona signed in beforehand, so none waits on it). */
async function race(persona: Persona, query: string, variables: Record<string, unknown>[]): Promise<GraphQLResponse[]> {
  if (persona !== 'anonymous') await api.tokenOf(persona);
  return Promise.all(variables.map((each) => api.gql(persona, query, each)));
}

describe.each(races)(`${racers} identical concurrent $kind`, (row) => {
  let variables: Record<string, string>;
  let responses: GraphQLResponse[];
  beforeAll(async () => {
    variables = row.variables(api.ids);
    responses = await race(
      row.persona,
      row.query,
      Array.from({ length: racers }, () => variables),
    );
  });

  const expected = row.answers === 'one-success' ? { ok: 1, 'BAD_USER_INPUT/ALREADY_EXISTS': racers - 1 } : { ok: racers };
  it(`answer ${JSON.stringify(expected)}`, () => {
    expect(tally(responses, row.field)).toEqual(expected);
  });

  it('create each row exactly once', async () => {
    const counts = await Promise.all(row.creates(variables).map(run));
    expect(counts).toEqual(counts.map(() => 1));
  });

  it(`write ${row.audit.expected} audit entr${row.audit.expected === 1 ? 'y' : 'ies'}`, async () => {
    expect(await run(row.audit.entries(variables))).toBe(row.audit.expected);
  });
});

describe('30 concurrent createCustomRole in an organization that already has custom roles', () => {
  const attempts = 30;
  const customRolesOf = (organizationId: string) => count`select count(*) from roles where organization_id = ${organizationId}`;
  let existing: number;
  let responses: GraphQLResponse[];
  beforeAll(async () => {
    existing = await run(customRolesOf(api.ids.beatles as string));
    const query =
      'mutation($o: ID!, $name: String!) { createCustomRole(input: {organizationId: $o, name: $name, resourceType: REPOSITORY, permissions: ["read_code:repository"]}) { role { id } } }';
    responses = await race(
      'john',
      query,
      Array.from({ length: attempts }, (_, index) => ({ o: api.ids.beatles, name: `capped-${index}` })),
    );
  });

  it('starts below the cap, with some custom roles already (the seed defines ci-cd)', () => {
    expect(existing).toBeGreaterThan(0);
    expect(existing).toBeLessThan(maxCustomRolesPerOrganization);
  });

  it('creates up to the cap and refuses the rest with CUSTOM_ROLE_LIMIT', () => {
    const room = maxCustomRolesPerOrganization - existing;
    expect(tally(responses, 'createCustomRole')).toEqual({ ok: room, 'BAD_USER_INPUT/CUSTOM_ROLE_LIMIT': attempts - room });
  });

  it(`leaves exactly ${maxCustomRolesPerOrganization} custom roles, each one created audited once`, async () => {
    expect(await run(customRolesOf(api.ids.beatles as string))).toBe(maxCustomRolesPerOrganization);
    const audited = count`select count(*) from audit_log_entries where organization_id = ${api.ids.beatles} and action = 'custom_role.created'
                            and resource_id in (select id from roles where name like 'capped-%')`;
    expect(await run(audited)).toBe(maxCustomRolesPerOrganization - existing);
  });
});
