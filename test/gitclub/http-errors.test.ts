import { SignJWT, generateKeyPair } from 'jose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from '../helpers/test-server.js';

/** One error shape everywhere: HTTP 401 for bad tokens and anonymous-only failures, BAD_USER_INPUT for bad input. */
let api: TestServer;
beforeAll(async () => {
  api = await startTestServer();
});
afterAll(async () => {
  await api?.stop();
});

const viewerQuery = { query: '{ viewer { login } }' };

async function foreignToken(): Promise<string> {
  const { privateKey } = await generateKeyPair('EdDSA', { crv: 'Ed25519' });
  return new SignJWT({ orgs: {} })
    .setProtectedHeader({ alg: 'EdDSA', typ: 'at+jwt', kid: 'someone-else' })
    .setIssuer('rolegate')
    .setAudience('rolegate-api')
    .setSubject('00000000-0000-4000-8000-000000000000')
    .setIssuedAt()
    .setExpirationTime('5m')
    .setJti('x')
    .sign(privateKey);
}

function unsignedToken(): string {
  const encode = (value: object) => Buffer.from(JSON.stringify(value)).toString('base64url');
  return `${encode({ alg: 'none', typ: 'at+jwt' })}.${encode({ sub: 'x', iss: 'rolegate', aud: 'rolegate-api', exp: 9_999_999_999, iat: 1, jti: 'x' })}.`;
}

describe('a present but unusable bearer token refuses the whole request with 401', () => {
  it.each([
    ['garbage', async () => 'Bearer abc.def.ghi'],
    ['wrong scheme', async () => 'Basic am9objpwYXNz'],
    ['signed by another key', async () => `Bearer ${await foreignToken()}`],
    ['alg none', async () => `Bearer ${unsignedToken()}`],
    [
      'tampered payload',
      async () => {
        const [header, , signature] = (await api.tokenOf('paul')).split('.');
        const payload = Buffer.from(JSON.stringify({ sub: api.ids.john, orgs: {} })).toString('base64url');
        return `Bearer ${header}.${payload}.${signature}`;
      },
    ],
  ])('%s', async (_name, authorization) => {
    const response = await api.send(await authorization(), viewerQuery);
    expect(response.status).toBe(401);
    expect(response.headers.get('www-authenticate')).toBe('Bearer error="invalid_token"');
    expect(response.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
    expect(response.data ?? null).toBeNull();
  });
});

describe('anonymous requests', () => {
  it('get 401 when every root field needs a viewer', async () => {
    const response = await api.send(undefined, { query: '{ user(login: "john") { login } organization(login: "beatles") { name } }' });
    expect(response.status).toBe(401);
    expect(response.headers.get('www-authenticate')).toBe('Bearer');
    expect(response.errors?.map((error) => error.extensions?.code)).toEqual(['UNAUTHENTICATED', 'UNAUTHENTICATED']);
  });
  it('get 200 and partial data when a public field answers', async () => {
    const response = await api.send(undefined, { query: '{ builtInRoles { name } user(login: "john") { login } }' });
    expect(response.status).toBe(200);
    expect((response.data?.builtInRoles as unknown[]).length).toBeGreaterThan(0);
    expect(response.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
  });
});

describe('login', () => {
  it('answers a wrong email and a wrong password identically', async () => {
    const attempt = (email: string) =>
      api.send(undefined, {
        query: 'mutation($e: String!) { login(input: {email: $e, password: "wrong-password"}) { accessToken } }',
        variables: { e: email },
      });
    const [unknownEmail, wrongPassword] = await Promise.all([attempt('ghost@gitclub.test'), attempt('john@gitclub.test')]);
    expect(unknownEmail.errors?.[0]?.message).toBe(wrongPassword.errors?.[0]?.message);
    expect(unknownEmail.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
    expect(wrongPassword.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
  });
});

describe('bad input answers BAD_USER_INPUT and writes nothing', () => {
  const cases: [string, () => { query: string; variables?: Record<string, unknown> }][] = [
    [
      'a duplicate login at sign-up',
      () => ({
        query:
          'mutation { signUp(input: {login: "john", name: "J", email: "other@gitclub.test", password: "long-enough"}) { user { id } } }',
      }),
    ],
    [
      'a short password',
      () => ({
        query: 'mutation { signUp(input: {login: "newbie", name: "N", email: "newbie@gitclub.test", password: "short"}) { user { id } } }',
      }),
    ],
    [
      'an unknown role name',
      () => ({
        query:
          'mutation($o: ID!, $u: ID!) { addMember(input: {organizationId: $o, userId: $u, role: "overlord"}) { membership { role { name } } } }',
        variables: { o: api.ids.beatles, u: api.ids.nobody },
      }),
    ],
    [
      'a repository role given as an organization role',
      () => ({
        query:
          'mutation($o: ID!, $u: ID!) { addMember(input: {organizationId: $o, userId: $u, role: "maintainer"}) { membership { role { name } } } }',
        variables: { o: api.ids.beatles, u: api.ids.nobody },
      }),
    ],
    [
      'a malformed user id',
      () => ({
        query:
          'mutation($o: ID!) { addMember(input: {organizationId: $o, userId: "42", role: "member"}) { membership { role { name } } } }',
        variables: { o: api.ids.beatles },
      }),
    ],
    ['a page size over the limit', () => ({ query: '{ organization(login: "beatles") { repositories(first: 1000) { totalCount } } }' })],
    ['a forged cursor', () => ({ query: '{ organization(login: "beatles") { repositories(after: "bm9wZQ") { totalCount } } }' })],
    [
      'a duplicate repository name',
      () => ({
        query: 'mutation($o: ID!) { createRepository(input: {organizationId: $o, name: "abbey-road"}) { repository { id } } }',
        variables: { o: api.ids.beatles },
      }),
    ],
    [
      'a custom role with a permission of another resource type',
      () => ({
        query:
          'mutation($o: ID!) { createCustomRole(input: {organizationId: $o, name: "mixed", resourceType: REPOSITORY, permissions: ["read:repository", "manage_billing:organization"]}) { role { id } } }',
        variables: { o: api.ids.beatles },
      }),
    ],
    [
      'a custom role named like a built-in role',
      () => ({
        query:
          'mutation($o: ID!) { createCustomRole(input: {organizationId: $o, name: "admin", resourceType: ORGANIZATION, permissions: ["read:organization"]}) { role { id } } }',
        variables: { o: api.ids.beatles },
      }),
    ],
    [
      'a custom role with an unknown permission',
      () => ({
        query:
          'mutation($o: ID!) { createCustomRole(input: {organizationId: $o, name: "odd", resourceType: REPOSITORY, permissions: ["fly:repository"]}) { role { id } } }',
        variables: { o: api.ids.beatles },
      }),
    ],
    [
      'an unknown default repository role',
      () => ({
        query:
          'mutation($o: ID!) { updateOrganization(input: {organizationId: $o, defaultRepositoryRole: "owner"}) { organization { id } } }',
        variables: { o: api.ids.beatles },
      }),
    ],
  ];
  it.each(cases)('%s', async (_name, operation) => {
    const em = api.server.db.em.fork();
    const countRows = async () =>
      (
        await em.execute<{ n: string }[]>(
          'select (select count(*) from users) + (select count(*) from role_assignments) + (select count(*) from repositories) + (select count(*) from roles) + (select count(*) from audit_log_entries) as n',
        )
      )[0]?.n;
    const before = await countRows();
    const { query, variables } = operation();
    const response = await api.gql('john', query, variables);
    expect(response.status).toBe(200);
    expect(response.errors?.map((error) => error.extensions?.code)).toEqual(['BAD_USER_INPUT']);
    expect(await countRows()).toBe(before);
  });
});
