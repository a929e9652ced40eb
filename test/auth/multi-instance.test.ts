import { spawn, type ChildProcess } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { exportJWK, generateKeyPair } from 'jose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { demoEmail, demoPassword } from '../../src/gitclub/demo/demo-cast.js';
import { createTestDatabase, type TestDatabase } from '../helpers/test-database.js';
import { testNodeFlags } from '../helpers/run-process.js';

/**
 * Two API processes on one PostgreSQL and one Redis: a demotion, a removal, a logout and a
 * refresh-token reuse made through one are honoured by the other on the very next request. Needs a real PostgreSQL and
 * Redis (DATABASE_URL and REDIS_URL, which CI sets; .ci/run fails loudly when they are down).
 */
interface Instance {
  readonly url: string;
}

/** Every process started, stopped after the file whether it started or not. */
const children: ChildProcess[] = [];

function startInstance(env: Record<string, string>): Promise<Instance> {
  const child = spawn(process.execPath, [...testNodeFlags, '--import', 'tsx', 'src/main.ts'], {
    cwd: new URL('../..', import.meta.url).pathname,
    env: { ...process.env, PORT: '0', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  children.push(child);
  return new Promise((resolve, reject) => {
    let output = '';
    const timer = setTimeout(() => reject(new Error(`The instance did not start:\n${output}`)), 60_000);
    const onData = (chunk: Buffer) => {
      output += chunk.toString();
      const match = /ready at (http:\/\/localhost:\d+\/graphql)/.exec(output);
      if (match?.[1]) {
        clearTimeout(timer);
        resolve({ url: match[1] });
      }
    };
    child.stdout.on('data', onData);
    child.stderr.on('data', onData);
    child.on('exit', (code) => reject(new Error(`The instance exited with ${code}:\n${output}`)));
  });
}

async function send(instance: Instance, token: string | undefined, query: string, variables?: Record<string, unknown>) {
  const response = await fetch(instance.url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
    body: JSON.stringify({ query, variables }),
  });
  return {
    status: response.status,
    ...((await response.json()) as { data?: Record<string, unknown>; errors?: { extensions?: { code?: string } }[] }),
  };
}

async function signIn(instance: Instance, persona: string): Promise<{ accessToken: string; refreshToken: string }> {
  const response = await send(
    instance,
    undefined,
    'mutation($e: String!, $p: String!) { login(input: {email: $e, password: $p}) { accessToken refreshToken } }',
    {
      e: demoEmail(persona),
      p: demoPassword,
    },
  );
  return response.data?.login as { accessToken: string; refreshToken: string };
}

async function login(instance: Instance, persona: string): Promise<string> {
  return (await signIn(instance, persona)).accessToken;
}

describe.runIf(process.env.DATABASE_URL && process.env.REDIS_URL)('two instances sharing PostgreSQL and Redis', () => {
  let database: TestDatabase;
  let one: Instance;
  let two: Instance;
  const ids: Record<string, string> = {};

  beforeAll(async () => {
    // The demo cast copied rather than seeded: this is about what one instance sees of the other's changes.
    database = await createTestDatabase({ from: 'seeded' });
    const { privateKey } = await generateKeyPair('EdDSA', { crv: 'Ed25519', extractable: true });
    const shared = {
      DATABASE_URL: database.databaseUrl ?? '',
      REDIS_URL: process.env.REDIS_URL ?? '',
      REDIS_KEY_PREFIX: `rolegate-test:${randomUUID()}:`,
      JWT_PRIVATE_KEY: JSON.stringify(await exportJWK(privateKey)),
      DATA_DIR: 'memory://',
    };
    [one, two] = await Promise.all([
      startInstance({ ...shared, SEED_DEMO_DATA: 'true' }),
      startInstance({ ...shared, SEED_DEMO_DATA: 'false' }),
    ]);
    const john = await login(one, 'john');
    const members = await send(one, john, '{ organization(login: "beatles") { id members(first: 100) { nodes { user { id login } } } } }');
    const organization = members.data?.organization as { id: string; members: { nodes: { user: { id: string; login: string } }[] } };
    ids.beatles = organization.id;
    for (const node of organization.members.nodes) ids[node.user.login] = node.user.id;
  }, 120_000);

  afterAll(async () => {
    // Stopped, and gone, before their database is dropped.
    await Promise.all(
      children.map((child) => {
        if (child.exitCode !== null || child.signalCode !== null) return undefined;
        const exited = new Promise((resolve) => child.once('exit', resolve));
        child.kill('SIGTERM');
        return exited;
      }),
    );
    await database?.drop();
  });

  it('honours a demotion made through the other instance', async () => {
    const paul = await login(two, 'paul');
    expect((await send(two, paul, '{ organization(login: "beatles") { members { totalCount } } }')).errors).toBeUndefined();
    const john = await login(one, 'john');
    const demotion = await send(
      one,
      john,
      'mutation($o: ID!, $u: ID!) { changeMemberRole(input: {organizationId: $o, userId: $u, role: "billing"}) { membership { role { name } } } }',
      { o: ids.beatles, u: ids.paul },
    );
    expect(demotion.errors).toBeUndefined();
    const after = await send(two, paul, '{ organization(login: "beatles") { members { totalCount } } }');
    expect(after.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
  });

  it('honours a removal made through the other instance', async () => {
    const ringo = await login(two, 'ringo');
    expect((await send(two, ringo, '{ organization(login: "beatles") { name } }')).errors).toBeUndefined();
    const john = await login(one, 'john');
    const removal = await send(
      one,
      john,
      'mutation($o: ID!, $u: ID!) { removeMember(input: {organizationId: $o, userId: $u}) { organization { id } } }',
      { o: ids.beatles, u: ids.ringo },
    );
    expect(removal.errors).toBeUndefined();
    const after = await send(two, ringo, '{ organization(login: "beatles") { name } }');
    expect(after.errors?.[0]?.extensions?.code).toBe('NOT_FOUND');
  });

  it('honours a logout made through the other instance', async () => {
    const george = await login(one, 'george');
    expect((await send(two, george, '{ viewer { login } }')).data).toEqual({ viewer: { login: 'george' } });
    expect((await send(one, george, 'mutation { logout { ok } }')).data).toEqual({ logout: { ok: true } });
    const after = await send(two, george, '{ viewer { login } }');
    expect(after.status).toBe(401);
  });

  it('honours a refresh-token reuse detected through the other instance', async () => {
    const refresh = 'mutation($t: String!) { refreshToken(input: {refreshToken: $t}) { accessToken } }';
    const bill = await signIn(one, 'bill');
    expect((await send(one, undefined, refresh, { t: bill.refreshToken })).errors).toBeUndefined();
    expect((await send(two, bill.accessToken, '{ viewer { login } }')).data).toEqual({ viewer: { login: 'bill' } });
    expect((await send(one, undefined, refresh, { t: bill.refreshToken })).errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
    expect((await send(two, bill.accessToken, '{ viewer { login } }')).status).toBe(401);
  });
});
