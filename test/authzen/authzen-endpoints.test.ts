// The AuthZEN Authorization API 1.0 endpoints over HTTP: discovery, who may call (PDP clients about
// anyone, users about themselves, everyone else 401 with one answer), the decisions of the demo
// personas against explainAccess's, the batch semantics and defaults, search paging, the
// specification's own example requests, refusals of malformed and oversized requests, and a batch
// that costs the same statements for 10 evaluations as for 100.
import { createHash } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { authzenLimits, parseSearch } from '../../src/authzen/authzen-request.js';
import { nextPageToken } from '../../src/authzen/page-token.js';
import { createPdpClient, pdpSecretPrefix, revokePdpClient } from '../../src/authzen/pdp-clients.js';
import { permissionCatalog } from '../../src/gitclub/policy/policy.js';
import { demoUsers, type DemoLogin } from '../../src/gitclub/demo/demo-cast.js';
import { startTestServer, type TestServer } from '../helpers/test-server.js';
import { pdpClientOf, postAuthzen } from './authzen-client.js';

let api: TestServer;
let client: string;
beforeAll(async () => {
  api = await startTestServer();
  client = await pdpClientOf(api, 'git-server');
});
afterAll(async () => {
  await api?.stop();
});

const evaluation = '/access/v1/evaluation';
const evaluations = '/access/v1/evaluations';
const user = (login: string) => ({ type: 'user', id: api.ids[login] });
const resource = (type: string, name: string) => ({ type, id: api.ids[name] });
const bearer = async (login: DemoLogin) => `Bearer ${await api.tokenOf(login)}`;

describe('GET /.well-known/authzen-configuration', () => {
  it('lists the five endpoints under the identifier it is served from', async () => {
    const base = new URL(api.server.url).origin;
    const response = await fetch(`${base}/.well-known/authzen-configuration`);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toMatch(/^application\/json/);
    expect(await response.json()).toEqual({
      policy_decision_point: base,
      access_evaluation_endpoint: `${base}/access/v1/evaluation`,
      access_evaluations_endpoint: `${base}/access/v1/evaluations`,
      search_subject_endpoint: `${base}/access/v1/search/subject`,
      search_resource_endpoint: `${base}/access/v1/search/resource`,
      search_action_endpoint: `${base}/access/v1/search/action`,
    });
  });
});

describe('who may call', () => {
  const ask = () => ({ subject: user('paul'), action: { name: 'read' }, resource: resource('repository', 'abbey-road') });
  it.each([
    ['no Authorization header', async () => undefined],
    ['a PDP secret nobody was given', async () => `Bearer rgpdp_${'A'.repeat(43)}`],
    ['a PDP secret with a character changed', async () => `${client.slice(0, -1)}${client.endsWith('A') ? 'B' : 'A'}`],
    ['a malformed access token', async () => 'Bearer not.a.jwt'],
    ['a scheme other than Bearer', async () => `Basic ${Buffer.from('git-server:secret').toString('base64')}`],
    [
      'an access token that was logged out',
      async () => {
        const signedIn = await api.send(undefined, {
          query: 'mutation { login(input: {email: "ringo@gitclub.test", password: "rolegate-demo"}) { accessToken } }',
        });
        const token = (signedIn.data?.login as { accessToken: string }).accessToken;
        const loggedOut = await api.send(`Bearer ${token}`, { query: 'mutation { logout { __typename } }' });
        expect(loggedOut.errors).toBeUndefined();
        return `Bearer ${token}`;
      },
    ],
  ])('%s: 401, the same answer whatever was wrong', async (_case, authorization) => {
    const answer = await postAuthzen(api, evaluation, await authorization(), ask());
    expect(answer.status).toBe(401);
    expect(answer.headers.get('www-authenticate')).toBe('Bearer');
    expect(answer.body).toEqual({
      error: {
        status: 401,
        code: 'UNAUTHENTICATED',
        message: 'Unauthorized: send "Authorization: Bearer" with a PDP client secret or your access token.',
      },
    });
  });

  it('a revoked client: 401 at once', async () => {
    const revoked = await pdpClientOf(api, 'ci-runner');
    expect((await postAuthzen(api, evaluation, revoked, ask())).status).toBe(200);
    await revokePdpClient(api.server.db.em.fork(), 'ci-runner', 'test');
    expect((await postAuthzen(api, evaluation, revoked, ask())).status).toBe(401);
  });

  it('a second active client of one name is refused; revoking an unknown or revoked name finds nothing', async () => {
    const em = api.server.db.em.fork();
    await expect(createPdpClient(em, 'git-server', 'test')).rejects.toThrow(
      'An active PDP client is already named "git-server": revoke it first, or choose another name.',
    );
    expect(await revokePdpClient(em, 'no-such-client', 'test')).toBeUndefined();
    await expect(createPdpClient(em, 'Git Server', 'test')).rejects.toThrow(/is not a client name/);
  });

  it('creating and revoking a client are audited, with its name and never its secret', async () => {
    const rows = await api.server.db.em
      .fork()
      .execute<{ action: string; organization_id: string | null; after: unknown; before: unknown }[]>(
        `select action, organization_id, after, before from audit_log_entries where resource_type = 'pdp_client' order by created_at`,
      );
    expect(rows.map((row) => [row.action, row.organization_id])).toEqual([
      ['pdp_client.created', null],
      ['pdp_client.created', null],
      ['pdp_client.revoked', null],
    ]);
    expect(JSON.stringify(rows)).not.toMatch(/rgpdp_/);
  });

  it.each([
    ['paul about himself', evaluation, () => ask(), 200],
    ['paul about ringo', evaluation, () => ({ ...ask(), subject: user('ringo') }), 403],
    ['paul about a subject of another type', evaluation, () => ({ ...ask(), subject: { type: 'service', id: api.ids.paul } }), 403],
    [
      'paul about his own id in capitals',
      evaluation,
      () => ({ ...ask(), subject: { type: 'user', id: api.ids.paul?.toUpperCase() } }),
      403,
    ],
    [
      'paul in a batch, one evaluation overriding the subject',
      evaluations,
      () => ({ ...ask(), evaluations: [{}, { subject: user('ringo') }] }),
      403,
    ],
    [
      "paul searching ringo's resources",
      '/access/v1/search/resource',
      () => ({ subject: user('ringo'), action: { name: 'read' }, resource: { type: 'repository' } }),
      403,
    ],
    ["paul searching ringo's actions", '/access/v1/search/action', () => ({ subject: user('ringo'), resource: ask().resource }), 403],
  ])('a signed-in user may ask only about themself: %s -> %i', async (_case, path, body, status) => {
    const answer = await postAuthzen(api, path, await bearer('paul'), body());
    expect(answer.status).toBe(status);
    if (status === 403) expect(answer.body).toMatchObject({ error: { status: 403, code: 'FORBIDDEN' } });
  });

  it('a client secret is stored only as its SHA-256 (the audited tests above have run)', async () => {
    const em = api.server.db.em.fork();
    const { secret } = await createPdpClient(em, 'hash-check', 'test');
    const rows = await em.execute<Record<string, unknown>[]>(`select * from pdp_clients where name = 'hash-check'`);
    expect(rows).toHaveLength(1);
    expect(JSON.stringify(rows)).not.toContain(secret.slice(pdpSecretPrefix.length));
    expect(rows[0]?.secret_hash).toBe(createHash('sha256').update(secret).digest('hex'));
  });

  it('a signed-in user cannot search for subjects (it lists others); a PDP client can', async () => {
    const search = { subject: { type: 'user' }, action: { name: 'read' }, resource: resource('repository', 'abbey-road') };
    expect((await postAuthzen(api, '/access/v1/search/subject', await bearer('john'), search)).status).toBe(403);
    expect((await postAuthzen(api, '/access/v1/search/subject', client, search)).status).toBe(200);
  });
});

describe('decisions of the demo personas: the same as explainAccess', () => {
  const resources = [
    ['organization', 'beatles'],
    ['organization', 'monsters'],
    ['repository', 'abbey-road'],
    ['repository', 'infra'],
    ['repository', 'scare-floor'],
    ['issue', 'abbey-road#1'],
    ['issue', 'infra#1'],
  ] as const;
  const actionsOf = (type: string) =>
    permissionCatalog.permissions.filter((entry) => entry.resourceType === type).map((entry) => entry.name.split(':')[0] as string);
  const personas = Object.keys(demoUsers) as DemoLogin[];

  it.each(personas)('%s: every action on every demo resource, asked by a PDP client and by themself', async (login) => {
    const checks = resources.flatMap(([type, name]) => actionsOf(type).map((action) => ({ type, name, action })));
    // explainAccess as the persona about themself: allowed, or NOT_FOUND (hidden), FORBIDDEN (seen, not held).
    const aliases = checks.map(
      ({ type, name, action }, index) =>
        `c${index}: explainAccess(userId: "${api.ids[login]}", permission: "${action}:${type}", resourceId: "${api.ids[name]}") { outcome }`,
    );
    // At most 20 root fields a request (QUERY_MAX_ROOT_FIELDS).
    const outcomes: string[] = [];
    for (let start = 0; start < aliases.length; start += 20) {
      const explained = await api.gql(login, `{ ${aliases.slice(start, start + 20).join('\n')} }`);
      for (let index = start; index < Math.min(start + 20, aliases.length); index++) {
        const data = explained.data?.[`c${index}`] as { outcome: string } | null | undefined;
        const error = explained.errors?.find((candidate) => candidate.path?.[0] === `c${index}`);
        outcomes.push(data ? data.outcome : String(error?.extensions?.code ?? JSON.stringify(explained.errors?.[0])));
      }
    }
    expect(outcomes.filter((outcome) => !['ALLOW', 'FORBIDDEN', 'NOT_FOUND'].includes(outcome))).toEqual([]);
    const body = {
      subject: user(login),
      evaluations: checks.map(({ type, name, action }) => ({ action: { name: action }, resource: resource(type, name) })),
    };
    for (const [caller, reasonKey] of [
      [client, 'reason_admin'],
      [await bearer(login), 'reason_user'],
    ] as const) {
      const answer = await postAuthzen(api, evaluations, caller, body);
      expect(answer.status).toBe(200);
      const decisions = answer.body.evaluations as { decision: boolean; context?: Record<string, Record<string, string>> }[];
      expect(decisions).toHaveLength(checks.length);
      decisions.forEach((decision, index) => {
        const where = `${login} ${checks[index]?.action} on ${checks[index]?.name} (${reasonKey})`;
        const outcome = outcomes[index];
        expect(decision.decision, where).toBe(outcome === 'ALLOW');
        if (outcome === 'ALLOW') expect(decision.context, where).toBeUndefined();
        else expect(Object.keys(decision.context?.[reasonKey] ?? {}), where).toEqual([outcome === 'FORBIDDEN' ? '403' : '404']);
      });
    }
  });

  it('a hidden resource and a missing one answer the same to a user, byte for byte', async () => {
    const hidden = await postAuthzen(api, evaluation, await bearer('paul'), {
      subject: user('paul'),
      action: { name: 'read' },
      resource: resource('repository', 'scare-floor'),
    });
    const missing = await postAuthzen(api, evaluation, await bearer('paul'), {
      subject: user('paul'),
      action: { name: 'read' },
      resource: { type: 'repository', id: '00000000-0000-4000-8000-00000000dead' },
    });
    expect(hidden.body).toEqual({
      decision: false,
      context: { reason_user: { 404: 'Not found: it does not exist, or you may not see it.' } },
    });
    expect(JSON.stringify(missing.body)).toBe(JSON.stringify(hidden.body));
  });

  it.each([
    ['an unknown user', { type: 'user', id: '00000000-0000-4000-8000-00000000beef' }, { reason_admin: { 404: 'No user has this id.' } }],
    ['a subject that is not a user', { type: 'service', id: 'ci' }, { error: { status: 400 } }],
  ])('%s: denied, with why', async (_case, subject, context) => {
    const answer = await postAuthzen(api, evaluation, client, {
      subject,
      action: { name: 'read' },
      resource: resource('repository', 'infra'),
    });
    expect(answer.status).toBe(200);
    expect(answer.body).toMatchObject({ decision: false, context });
  });

  it.each([
    ['a type the policy does not have', { type: 'document', id: 'x' }, { name: 'read' }, /"document" is not a resource type/],
    [
      'an action of another type',
      { type: 'repository', id: 'x' },
      { name: 'manage_billing' },
      /"manage_billing" is not an action on a repository: read, read_code/,
    ],
  ])('%s: denied with an error in its context', async (_case, resourceGiven, action, message) => {
    const answer = await postAuthzen(api, evaluation, client, { subject: user('john'), action, resource: resourceGiven });
    expect(answer.status).toBe(200);
    expect(answer.body.decision).toBe(false);
    expect((answer.body.context as { error: { status: number; message: string } }).error).toMatchObject({
      status: 400,
      message: expect.stringMatching(message),
    });
  });

  it('a suspended user is refused everything', async () => {
    const em = api.server.db.em.fork();
    await em.execute('update users set suspended_at = now() where login = ?', ['bill']);
    try {
      const answer = await postAuthzen(api, evaluation, client, {
        subject: user('bill'),
        action: { name: 'read' },
        resource: resource('organization', 'beatles'),
      });
      expect(answer.body).toEqual({
        decision: false,
        context: { reason_admin: { 403: 'The user is suspended: they may do nothing until reactivated.' } },
      });
      const search = await postAuthzen(api, '/access/v1/search/resource', client, {
        subject: user('bill'),
        action: { name: 'read' },
        resource: { type: 'organization' },
      });
      expect(search.body.results).toEqual([]);
    } finally {
      await em.execute('update users set suspended_at = null where login = ?', ['bill']);
    }
  });
});

describe('POST /access/v1/evaluations', () => {
  // paul reads abbey-road and infra (member: the default role), not scare-floor (monsters).
  const three = () => [
    { resource: resource('repository', 'abbey-road') },
    { resource: resource('repository', 'scare-floor') },
    { resource: resource('repository', 'infra') },
  ];
  it.each([
    ['no semantic (execute_all)', undefined, [true, false, true]],
    ['execute_all', 'execute_all', [true, false, true]],
    ['deny_on_first_deny', 'deny_on_first_deny', [true, false]],
    ['permit_on_first_permit', 'permit_on_first_permit', [true]],
  ])('%s', async (_case, semantic, expected) => {
    const answer = await postAuthzen(api, evaluations, client, {
      subject: user('paul'),
      action: { name: 'read' },
      ...(semantic ? { options: { evaluations_semantic: semantic } } : {}),
      evaluations: three(),
    });
    expect(answer.status).toBe(200);
    expect((answer.body.evaluations as { decision: boolean }[]).map((decision) => decision.decision)).toEqual(expected);
  });

  it('an evaluation overrides the defaults it names', async () => {
    const answer = await postAuthzen(api, evaluations, client, {
      subject: user('george'),
      action: { name: 'trigger_workflow' },
      resource: resource('repository', 'infra'),
      evaluations: [{}, { action: { name: 'read_code' } }, { subject: user('john'), action: { name: 'read_code' } }],
    });
    expect((answer.body.evaluations as { decision: boolean }[]).map((decision) => decision.decision)).toEqual([true, false, true]);
  });

  it('no evaluations array, or an empty one: answered as a single evaluation', async () => {
    for (const extra of [{}, { evaluations: [] }]) {
      const answer = await postAuthzen(api, evaluations, client, {
        subject: user('george'),
        action: { name: 'trigger_workflow' },
        resource: resource('repository', 'infra'),
        ...extra,
      });
      expect(answer.body).toEqual({ decision: true });
    }
  });

  it(`costs the same statements for 10 evaluations as for 100 (one subject, batched per type)`, async () => {
    const statementsFor = async (count: number) => {
      const names = ['abbey-road', 'infra', 'scare-floor'];
      const body = {
        subject: user('ringo'),
        evaluations: Array.from({ length: count }, (_, index) => ({
          action: { name: index % 2 ? 'read_code' : 'read' },
          resource: index % 5 === 4 ? resource('organization', 'beatles') : resource('repository', names[index % 3] as string),
        })),
      };
      api.queries.reset();
      const answer = await postAuthzen(api, evaluations, client, body);
      expect(answer.status).toBe(200);
      return api.queries.count;
    };
    const [ten, hundred] = [await statementsFor(10), await statementsFor(100)];
    expect(hundred).toBe(ten);
    expect(ten).toBeLessThanOrEqual(6);
  });
});

describe('refused requests', () => {
  const good = () => ({ subject: user('john'), action: { name: 'read' }, resource: resource('organization', 'beatles') });
  it.each([
    ['no subject', () => ({ ...good(), subject: undefined }), '"subject" must be a JSON object.'],
    ['a subject without id', () => ({ ...good(), subject: { type: 'user' } }), '"subject.id" must be a non-empty string.'],
    ['a numeric id', () => ({ ...good(), resource: { type: 'repository', id: 7 } }), '"resource.id" must be a non-empty string.'],
    ['no action name', () => ({ ...good(), action: {} }), '"action.name" must be a non-empty string.'],
    [
      'properties that are not an object',
      () => ({ ...good(), subject: { ...user('john'), properties: [] } }),
      '"subject.properties" must be a JSON object.',
    ],
    ['a context that is not an object', () => ({ ...good(), context: 'now' }), '"context" must be a JSON object.'],
    ['an array body', () => [good()], '"the request body" must be a JSON object.'],
    [
      'an id over 200 characters',
      () => ({ ...good(), resource: { type: 'repository', id: 'x'.repeat(201) } }),
      '"resource.id" must be at most 200 characters.',
    ],
  ])('evaluation with %s: 400, naming it', async (_case, body, message) => {
    const answer = await postAuthzen(api, evaluation, client, body());
    expect(answer.status).toBe(400);
    expect(answer.body).toEqual({ error: { status: 400, code: 'BAD_REQUEST', message } });
  });

  it.each([
    [
      'an evaluation left without a subject',
      () => ({ action: { name: 'read' }, evaluations: [good(), { resource: good().resource }] }),
      'evaluations[1] has no "subject", and the request gives no default "subject".',
    ],
    [
      'an unknown semantic',
      () => ({ ...good(), options: { evaluations_semantic: 'first' }, evaluations: [{}] }),
      '"options.evaluations_semantic" must be one of execute_all, deny_on_first_deny, permit_on_first_permit.',
    ],
    [
      'more evaluations than the limit',
      () => ({ ...good(), evaluations: Array.from({ length: authzenLimits.maxEvaluations + 1 }, () => ({})) }),
      `At most ${authzenLimits.maxEvaluations} evaluations per request; this one holds ${authzenLimits.maxEvaluations + 1}.`,
    ],
    ['evaluations that are not an array', () => ({ ...good(), evaluations: {} }), '"evaluations" must be an array.'],
  ])('evaluations with %s: 400', async (_case, body, message) => {
    const answer = await postAuthzen(api, evaluations, client, body());
    expect(answer.status).toBe(400);
    expect(answer.body).toEqual({ error: { status: 400, code: 'BAD_REQUEST', message } });
  });

  it('a body that is not JSON: 400; not sent as JSON: 415; over HTTP_BODY_LIMIT: 413', async () => {
    expect((await postAuthzen(api, evaluation, client, '{"subject": ')).body).toEqual({
      error: { status: 400, code: 'BAD_REQUEST', message: 'The request body is not a JSON object.' },
    });
    const plain = await fetch(new URL(evaluation, api.server.url), {
      method: 'POST',
      headers: { authorization: client, 'content-type': 'text/plain' },
      body: JSON.stringify(good()),
    });
    expect(plain.status).toBe(415);
    expect(((await plain.json()) as { error: { code: string } }).error.code).toBe('UNSUPPORTED_MEDIA_TYPE');
    const huge = await postAuthzen(api, evaluation, client, { ...good(), context: { padding: 'x'.repeat(2 * 1024 * 1024) } });
    expect(huge.status).toBe(413);
    expect(huge.body).toMatchObject({ error: { status: 413, code: 'REQUEST_TOO_LARGE' } });
  });

  it('an anonymous malformed request learns nothing of the shapes: 401 first', async () => {
    expect((await postAuthzen(api, evaluation, undefined, { nonsense: true })).status).toBe(401);
  });

  it.each([
    ["the specification's example id, on a decision", 'bfe9eb29-ab87-4ca3-be83-a1d5d8305716', () => client, good, 200],
    ['an arbitrary string (spaces, a colon, a quote), on a decision', 'batch 42: "nightly" run', () => client, good, 200],
    ['an arbitrary string, on a 401', 'batch 42: "nightly" run', () => undefined, good, 401],
    ['a long one, on a 400', 'x'.repeat(300), () => client, () => ({ ...good(), action: {} }), 400],
  ])('echoes X-Request-ID exactly as sent: %s', async (_case, id, authorization, body, status) => {
    const auth = authorization();
    const response = await fetch(new URL(evaluation, api.server.url), {
      method: 'POST',
      headers: { ...(auth ? { authorization: auth } : {}), 'content-type': 'application/json', 'x-request-id': id },
      body: JSON.stringify(body()),
    });
    expect(response.status).toBe(status);
    expect(response.headers.get('x-request-id')).toBe(id);
  });

  it('echoes X-Request-ID on discovery too', async () => {
    const response = await fetch(new URL('/.well-known/authzen-configuration', api.server.url), { headers: { 'x-request-id': 'pep 7' } });
    expect(response.headers.get('x-request-id')).toBe('pep 7');
  });
});

describe('searches', () => {
  /** Every page of a search, `limit` at a time. */
  async function allPages(path: string, body: Record<string, unknown>, limit: number) {
    const results: unknown[] = [];
    let token: string | undefined;
    for (let pages = 0; pages < 50; pages++) {
      const answer = await postAuthzen(api, path, client, { ...body, page: { limit, ...(token ? { token } : {}) } });
      expect(answer.status, JSON.stringify(answer.body)).toBe(200);
      const page = answer.body.page as { next_token: string; count: number };
      const pageResults = answer.body.results as unknown[];
      expect(page.count).toBe(pageResults.length);
      expect(pageResults.length).toBeLessThanOrEqual(limit);
      results.push(...pageResults);
      if (page.next_token === '') return results;
      token = page.next_token;
    }
    throw new Error('More than 50 pages.');
  }

  it('subject search, 2 at a time: exactly peopleWithAccess', async () => {
    const abbeyRoad = api.ids['abbey-road'];
    const listed = await api.gql(
      'john',
      `{ repository(owner: "beatles", name: "abbey-road") { peopleWithAccess(permission: read_code, first: 100) { nodes { user { id } } } } }`,
    );
    expect(listed.errors).toBeUndefined();
    const expected = (listed.data?.repository as { peopleWithAccess: { nodes: { user: { id: string } }[] } }).peopleWithAccess.nodes.map(
      (node) => ({ type: 'user', id: node.user.id }),
    );
    const results = await allPages(
      '/access/v1/search/subject',
      { subject: { type: 'user' }, action: { name: 'read_code' }, resource: { type: 'repository', id: abbeyRoad } },
      2,
    );
    expect(expected.length).toBeGreaterThan(2);
    expect(results).toEqual(expected);
  });

  it("resource search, 1 at a time: the repositories ringo's repository list shows", async () => {
    const listed = await api.gql('ringo', `{ viewer { repositories(first: 100) { nodes { id } } } }`);
    const expected = (listed.data?.viewer as { repositories: { nodes: { id: string }[] } }).repositories.nodes
      .map((node) => node.id)
      .sort();
    const results = (await allPages(
      '/access/v1/search/resource',
      { subject: user('ringo'), action: { name: 'read' }, resource: { type: 'repository' } },
      1,
    )) as { type: string; id: string }[];
    expect(results.every((result) => result.type === 'repository')).toBe(true);
    expect(results.map((result) => result.id).sort()).toEqual(expected);
  });

  it("action search: george's actions on infra, his ci-cd role's", async () => {
    const answer = await postAuthzen(api, '/access/v1/search/action', client, {
      subject: user('george'),
      resource: resource('repository', 'infra'),
    });
    expect(answer.body).toEqual({
      page: { next_token: '', count: 3 },
      results: [{ name: 'manage_issues' }, { name: 'read' }, { name: 'trigger_workflow' }],
    });
    const paged = await allPages('/access/v1/search/action', { subject: user('george'), resource: resource('repository', 'infra') }, 2);
    expect(paged).toEqual(answer.body.results);
  });

  it('a token sent with another request, a forged one, a limit over the maximum: 400', async () => {
    const body = { subject: { type: 'user' }, action: { name: 'read' }, resource: resource('organization', 'beatles') };
    const first = await postAuthzen(api, '/access/v1/search/subject', client, { ...body, page: { limit: 1 } });
    const token = (first.body.page as { next_token: string }).next_token;
    expect(token).not.toBe('');
    const changed = await postAuthzen(api, '/access/v1/search/subject', client, {
      ...body,
      action: { name: 'read_members' },
      page: { limit: 1, token },
    });
    expect(changed.body).toEqual({
      error: {
        status: 400,
        code: 'BAD_REQUEST',
        message: '"page.token" belongs to another search: send it with the same subject, action, resource and page.limit.',
      },
    });
    const forged = await postAuthzen(api, '/access/v1/search/subject', client, { ...body, page: { limit: 1, token: 'bm90LWEtdG9rZW4' } });
    expect(forged.body).toEqual({ error: { status: 400, code: 'BAD_REQUEST', message: '"page.token" is not a token this PDP gave.' } });
    const over = await postAuthzen(api, '/access/v1/search/subject', client, { ...body, page: { limit: authzenLimits.maxPageSize + 1 } });
    expect(over.body).toEqual({
      error: {
        status: 400,
        code: 'BAD_REQUEST',
        message: `"page.limit" may be at most ${authzenLimits.maxPageSize}; this one is ${authzenLimits.maxPageSize + 1}.`,
      },
    });
  });

  it('page.limit 0: no results, and a token for the first page when there are any, at whatever limit follows', async () => {
    const body = { subject: { type: 'user' }, action: { name: 'read' }, resource: resource('organization', 'beatles') };
    const empty = await postAuthzen(api, '/access/v1/search/subject', client, { ...body, page: { limit: 0 } });
    expect(empty.body).toMatchObject({ page: { count: 0 }, results: [] });
    const token = (empty.body.page as { next_token: string }).next_token;
    expect(token).not.toBe('');
    const first = await postAuthzen(api, '/access/v1/search/subject', client, { ...body, page: { limit: 2 } });
    const followed = await postAuthzen(api, '/access/v1/search/subject', client, { ...body, page: { limit: 2, token } });
    expect(followed.status, JSON.stringify(followed.body)).toBe(200);
    expect(followed.body.results).toEqual(first.body.results);
    expect((followed.body.results as unknown[]).length).toBe(2);
  });

  it("the specification's paging example: the next request sends only page.token, and pages go on at the first request's limit", async () => {
    // Search API Pagination, "Example initial/second Search API Request": the second request's page holds the token alone.
    const body = { subject: { type: 'user' }, action: { name: 'read' }, resource: resource('organization', 'beatles') };
    const whole = await postAuthzen(api, '/access/v1/search/subject', client, body);
    const pages: { next_token: string; count: number }[] = [];
    const results: unknown[] = [];
    let page: Record<string, unknown> = { limit: 2 };
    for (let requests = 0; requests < 10; requests++) {
      const answer = await postAuthzen(api, '/access/v1/search/subject', client, { ...body, page });
      expect(answer.status, JSON.stringify(answer.body)).toBe(200);
      pages.push(answer.body.page as { next_token: string; count: number });
      results.push(...(answer.body.results as unknown[]));
      const next = (answer.body.page as { next_token: string }).next_token;
      if (next === '') break;
      page = { token: next };
    }
    expect(results).toEqual(whole.body.results);
    expect(results.length).toBeGreaterThan(4);
    expect(pages.map((each) => each.count)).toEqual([...pages.slice(0, -1).map(() => 2), results.length % 2 || 2]);
    // The token with another limit than the one it was given for: another search.
    const second = await postAuthzen(api, '/access/v1/search/subject', client, { ...body, page: { limit: 2 } });
    const token = (second.body.page as { next_token: string }).next_token;
    const otherLimit = await postAuthzen(api, '/access/v1/search/subject', client, { ...body, page: { limit: 3, token } });
    expect(otherLimit.status).toBe(400);
    expect(otherLimit.body).toMatchObject({ error: { message: expect.stringMatching(/^"page.token" belongs to another search/) } });
  });

  it("a token forged with a position of the caller's choosing shows only what the caller may list", async () => {
    // Page tokens are not signed: anyone can make one for their own request. It only moves where the list starts.
    const paul = await bearer('paul');
    const body = { subject: user('paul'), action: { name: 'read' }, resource: { type: 'repository' } };
    const own = await postAuthzen(api, '/access/v1/search/resource', paul, body);
    const forged = (after: string) => nextPageToken(parseSearch('resource', body, authzenLimits), after);
    const fromStart = await postAuthzen(api, '/access/v1/search/resource', paul, { ...body, page: { token: forged('') } });
    expect(fromStart.body.results).toEqual(own.body.results);
    // monsters/scare-floor sorts after "monsters/": a position inside another tenant finds nothing there.
    const inMonsters = await postAuthzen(api, '/access/v1/search/resource', paul, { ...body, page: { token: forged('monsters/') } });
    expect(inMonsters.body).toEqual({ page: { next_token: '', count: 0 }, results: [] });
    expect(own.body.results).not.toContainEqual(resource('repository', 'scare-floor'));
  });

  it('a hidden resource and a missing one: the same action search, byte for byte, for a user and for a client', async () => {
    for (const caller of [await bearer('paul'), client]) {
      const hidden = await postAuthzen(api, '/access/v1/search/action', caller, {
        subject: user('paul'),
        resource: resource('repository', 'scare-floor'),
      });
      const missing = await postAuthzen(api, '/access/v1/search/action', caller, {
        subject: user('paul'),
        resource: { type: 'repository', id: '00000000-0000-4000-8000-00000000dead' },
      });
      expect(hidden.body).toEqual({ page: { next_token: '', count: 0 }, results: [] });
      expect(JSON.stringify(missing.body)).toBe(JSON.stringify(hidden.body));
    }
  });
});

describe("the specification's own example requests (api/authorization-api-1_0.md)", () => {
  // Their types (account, document, todo) and ids (alice@example.com) are not this policy's: every
  // answer must still have the specification's shape, closed, with why.
  const alice = { type: 'user', id: 'alice@example.com' };
  it.each([
    [
      'Example Request',
      evaluation,
      {
        subject: alice,
        resource: { type: 'account', id: '123' },
        action: { name: 'can_read', properties: { method: 'GET' } },
        context: { time: '1985-10-26T01:22-07:00' },
      },
    ],
    [
      'HTTPS Access Evaluation Request',
      evaluation,
      { subject: alice, resource: { type: 'todo', id: '1' }, action: { name: 'can_read' }, context: { time: '1985-10-26T01:22-07:00' } },
    ],
  ])('%s: a Decision', async (_case, path, body) => {
    const answer = await postAuthzen(api, path, client, body);
    expect(answer.status).toBe(200);
    expect(answer.headers.get('content-type')).toMatch(/^application\/json/);
    expect(answer.body).toMatchObject({ decision: false, context: expect.any(Object) });
  });

  it.each([
    [
      'three requests with no defaults',
      {
        evaluations: ['boxcarring.md', 'subject-search.md', 'resource-search.md'].map((id) => ({
          subject: alice,
          action: { name: 'can_read' },
          resource: { type: 'document', id },
          context: { time: '2024-05-31T15:22-07:00' },
        })),
      },
      3,
    ],
    [
      'a default subject and context',
      {
        subject: alice,
        context: { time: '2024-05-31T15:22-07:00' },
        evaluations: ['boxcarring.md', 'subject-search.md'].map((id) => ({
          action: { name: 'can_read' },
          resource: { type: 'document', id },
        })),
      },
      2,
    ],
    [
      'a default action overridden by the third',
      {
        subject: alice,
        action: { name: 'can_read' },
        evaluations: [
          { resource: { type: 'document', id: 'boxcarring.md' } },
          { resource: { type: 'document', id: 'subject-search.md' } },
          { action: { name: 'can_edit' }, resource: { type: 'document', id: 'resource-search.md' } },
        ],
      },
      3,
    ],
    [
      'options with another option',
      {
        evaluations: [{ resource: { type: 'doc', id: '1' }, subject: { type: 'doc', id: '2' }, action: { name: 'read' } }],
        options: { evaluations_semantic: 'execute_all', another_option: 'value' },
      },
      1,
    ],
  ])('Access Evaluations, %s: an evaluations array of Decisions', async (_case, body, count) => {
    const answer = await postAuthzen(api, evaluations, client, body);
    expect(answer.status).toBe(200);
    expect(answer.body.decision).toBeUndefined();
    expect(answer.body.evaluations).toHaveLength(count);
    for (const decision of answer.body.evaluations as { decision: unknown }[]) expect(typeof decision.decision).toBe('boolean');
  });

  it.each([
    [
      'Subject Search',
      '/access/v1/search/subject',
      {
        subject: { type: 'user' },
        action: { name: 'can_read' },
        resource: { type: 'account', id: '123' },
        context: { time: '2024-10-26T01:22-07:00' },
      },
    ],
    ['Resource Search', '/access/v1/search/resource', { subject: alice, action: { name: 'can_read' }, resource: { type: 'account' } }],
    [
      'Resource Search, paged',
      '/access/v1/search/resource',
      { subject: alice, action: { name: 'can_read' }, resource: { type: 'account' }, page: { limit: 2 } },
    ],
    [
      'Action Search',
      '/access/v1/search/action',
      { subject: alice, resource: { type: 'account', id: '123' }, context: { time: '2024-10-26T01:22-07:00' } },
    ],
  ])('%s: results, and a page', async (_case, path, body) => {
    const answer = await postAuthzen(api, path, client, body);
    expect(answer.status).toBe(200);
    expect(answer.body.results).toEqual([]);
    expect(answer.body.page).toEqual({ next_token: '', count: 0 });
  });
});
