import { getNamedType, isInputObjectType, isObjectType, type GraphQLArgument, type GraphQLInputField } from 'graphql';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildSchema } from '../../src/gitclub/schema.js';
import { startTestServer, type Persona, type TestServer } from '../helpers/test-server.js';

/**
 * Validation at the edge, length first: every String and ID argument has a maximum, checked before
 * any pattern, lookup or write; NUL and lone surrogates are refused. Persona x request -> the
 * BAD_USER_INPUT reason, and nothing written. The quadratic email of the hardening issue (a@ and
 * a million dots) is one row: refused by its length, so it cannot take the server's time, which
 * this test does not measure (it would be a timed test), it only shows which check answers.
 */
let api: TestServer;
beforeAll(async () => {
  api = await startTestServer();
});
afterAll(async () => {
  await api?.stop();
});

const hugeEmail = `a@${'.'.repeat(999_990)}@`;

interface Row {
  readonly what: string;
  readonly persona: Persona;
  readonly query: string;
  readonly variables: () => Record<string, unknown>;
  readonly reason: 'TOO_LONG' | 'UNSUPPORTED_CHARACTERS';
  readonly argument: string;
}

const signUp = 'mutation($input: SignUpInput!) { signUp(input: $input) { user { id } } }';
const signUpInput = (change: Record<string, string>) => ({
  input: { login: 'newcomer', name: 'New', email: 'newcomer@gitclub.test', password: 'long-enough', ...change },
});

const rows: Row[] = [
  {
    what: 'a 1 MB email at sign-up',
    persona: 'anonymous',
    query: signUp,
    variables: () => signUpInput({ email: hugeEmail }),
    reason: 'TOO_LONG',
    argument: 'input.email',
  },
  {
    what: 'a 1 MB billing email',
    persona: 'john',
    query: 'mutation($o: ID!, $e: String) { updateOrganization(input: {organizationId: $o, billingEmail: $e}) { organization { id } } }',
    variables: () => ({ o: api.ids.beatles, e: hugeEmail }),
    reason: 'TOO_LONG',
    argument: 'input.billingEmail',
  },
  {
    what: 'a 255-character email, one over its maximum',
    persona: 'anonymous',
    query: 'mutation($e: String!) { login(input: {email: $e, password: "whatever-it-is"}) { accessToken } }',
    variables: () => ({ e: `${'a'.repeat(243)}@gitclub.test` }),
    reason: 'TOO_LONG',
    argument: 'input.email',
  },
  {
    what: 'NUL in an anonymous login email',
    persona: 'anonymous',
    query: 'mutation($e: String!) { login(input: {email: $e, password: "whatever-it-is"}) { accessToken } }',
    variables: () => ({ e: 'john\u0000@gitclub.test' }),
    reason: 'UNSUPPORTED_CHARACTERS',
    argument: 'input.email',
  },
  {
    what: 'a lone surrogate in a sign-up name',
    persona: 'anonymous',
    query: signUp,
    variables: () => signUpInput({ name: 'Ann \ud800' }),
    reason: 'UNSUPPORTED_CHARACTERS',
    argument: 'input.name',
  },
  {
    what: 'NUL in a login looked up by an outsider',
    persona: 'nobody',
    query: 'query($l: String!) { organization(login: $l) { id } }',
    variables: () => ({ l: 'beat\u0000les' }),
    reason: 'UNSUPPORTED_CHARACTERS',
    argument: 'login',
  },
  {
    what: 'an ID of 101 characters',
    persona: 'paul',
    query: 'query($u: ID!, $r: ID!) { explainAccess(userId: $u, permission: "read:repository", resourceId: $r) { allowed } }',
    variables: () => ({ u: api.ids.paul, r: 'f'.repeat(101) }),
    reason: 'TOO_LONG',
    argument: 'resourceId',
  },
  {
    what: 'a permission in a list, over its maximum',
    persona: 'john',
    query:
      'mutation($o: ID!, $p: [String!]!) { createCustomRole(input: {organizationId: $o, name: "long", resourceType: ORGANIZATION, permissions: $p}) { role { id } } }',
    variables: () => ({ o: api.ids.beatles, p: ['read_members:organization', 'x'.repeat(101)] }),
    reason: 'TOO_LONG',
    argument: 'input.permissions',
  },
  {
    what: 'a forged cursor of 2,000 characters on a nested field',
    persona: 'john',
    query: 'query($a: String) { organization(login: "beatles") { auditLog(after: $a) { totalCount } } }',
    variables: () => ({ a: 'A'.repeat(2000) }),
    reason: 'TOO_LONG',
    argument: 'after',
  },
];

async function rowCounts(): Promise<string> {
  const [row] = await api.server.db.em
    .fork()
    .execute<Record<string, string>[]>(
      'select (select count(*) from users) as users, (select count(*) from organizations) as organizations, (select count(*) from roles) as roles, (select count(*) from audit_log_entries) as audit',
    );
  return JSON.stringify(row);
}

describe('string arguments over their maximum or holding characters PostgreSQL refuses', () => {
  it.each(rows)('$what ($persona): BAD_USER_INPUT $reason', async ({ persona, query, variables, reason, argument }) => {
    const before = await rowCounts();
    const response = await api.gql(persona, query, variables());
    expect(response.status).toBe(200);
    expect(
      response.errors?.map((error) => ({
        code: error.extensions?.code,
        reason: error.extensions?.reason,
        argument: error.extensions?.argument,
      })),
    ).toEqual([{ code: 'BAD_USER_INPUT', reason, argument }]);
    expect(await rowCounts()).toBe(before);
  });

  it('let right-to-left marks and quotes through where names allow them: they are text, not attacks', async () => {
    const response = await api.gql(
      'john',
      'mutation { createOrganization(input: {login: "rtl-org", name: "\u202egnp.exe \'; drop table users; --"}) { organization { name } } }',
    );
    expect(response.errors).toBeUndefined();
    expect(response.data?.createOrganization).toEqual({ organization: { name: "\u202egnp.exe '; drop table users; --" } });
  });
});

describe('the schema', () => {
  it('states a maximum on every String and ID argument and input field, in its description', () => {
    const schema = buildSchema();
    const unstated: string[] = [];
    const check = (coordinate: string, node: GraphQLArgument | GraphQLInputField) => {
      const named = getNamedType(node.type).name;
      if ((named === 'String' || named === 'ID') && !/At most \d+ characters\.$/.test(node.description ?? '')) unstated.push(coordinate);
    };
    for (const type of Object.values(schema.getTypeMap())) {
      if (type.name.startsWith('__')) continue;
      if (isObjectType(type))
        for (const field of Object.values(type.getFields()))
          for (const arg of field.args) check(`${type.name}.${field.name}(${arg.name}:)`, arg);
      if (isInputObjectType(type)) for (const field of Object.values(type.getFields())) check(`${type.name}.${field.name}`, field);
    }
    expect(unstated).toEqual([]);
    const email = schema.getType('SignUpInput');
    expect(isInputObjectType(email) && email.getFields().email?.description).toBe('At most 254 characters.');
  });
});
