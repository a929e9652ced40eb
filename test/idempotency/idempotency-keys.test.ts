import { randomUUID } from 'node:crypto';
import type { GraphQLError, GraphQLFormattedError } from 'graphql';
import { IdempotencyKeys, type IdempotencyClaim } from '../../src/idempotency/idempotency-keys.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Persona } from '../helpers/test-server.js';
import { startTestServer, type TestServer } from '../helpers/test-server.js';

/**
 * Idempotency-Key on mutation requests, persona by persona: a keyed mutation runs once per viewer
 * and key; a repeat answers the first answer (`Idempotent-Replayed: true`) and writes nothing; the
 * key with another request answers 422; a running first attempt makes a repeat wait, then 409; an
 * attempt that changed nothing gives its key back; anonymous requests, queries and credential
 * answers ignore the header; malformed keys and keyed batches answer 400.
 */
let api: TestServer;

interface Answer {
  readonly status: number;
  readonly replayed: string | null;
  readonly data?: Record<string, unknown> | null;
  readonly errors?: GraphQLFormattedError[];
}

async function keyed(persona: Persona, key: string | undefined, body: unknown): Promise<Answer> {
  const headers: Record<string, string> = { 'content-type': 'application/json' };
  if (persona !== 'anonymous') headers.authorization = `Bearer ${await api.tokenOf(persona)}`;
  if (key !== undefined) headers['idempotency-key'] = key;
  const response = await fetch(api.server.url, { method: 'POST', headers, body: JSON.stringify(body) });
  const json = (await response.json()) as { data?: Record<string, unknown> | null; errors?: GraphQLFormattedError[] };
  return { status: response.status, replayed: response.headers.get('idempotent-replayed'), ...json };
}

const addMember =
  'mutation($o: ID!, $u: ID!, $r: String!) { addMember(input: {organizationId: $o, userId: $u, role: $r}) { membership { role { name } } } }';
const removeMember = 'mutation($o: ID!, $u: ID!) { removeMember(input: {organizationId: $o, userId: $u}) { organization { id } } }';
const createIssue = 'mutation($r: ID!, $t: String!) { createIssue(input: {repositoryId: $r, title: $t}) { issue { id number title } } }';

async function sql<T>(text: string, params: unknown[] = []): Promise<T[]> {
  return api.server.db.em.fork().execute<T[]>(text, params);
}
const auditCount = async (action: string, userId: string | undefined) =>
  Number(
    (await sql<{ n: string }>('select count(*) as n from audit_log_entries where action = ? and target_user_id = ?', [action, userId]))[0]
      ?.n,
  );
const keyRows = async (key: string) =>
  sql<{ committed: boolean; stored: boolean }>(
    'select committed_at is not null as committed, response_body is not null as stored from idempotency_keys where key = ?',
    [key],
  );
const codes = (answer: Answer) => answer.errors?.map((error) => error.extensions?.code);

beforeAll(async () => {
  api = await startTestServer({ idempotencyWaitMs: 300 });
});
afterAll(async () => {
  await api?.stop();
});

describe('a keyed mutation runs once per viewer and key', () => {
  it('john adds nobody to beatles once: the repeat replays the first answer and writes nothing', async () => {
    const key = randomUUID();
    const body = { query: addMember, variables: { o: api.ids.beatles, u: api.ids.nobody, r: 'member' } };
    const first = await keyed('john', key, body);
    const repeats = await Promise.all([keyed('john', key, body), keyed('john', key, body)]);
    expect(first).toMatchObject({ status: 200, replayed: null, data: { addMember: { membership: { role: { name: 'member' } } } } });
    expect(first.errors).toBeUndefined();
    for (const repeat of repeats) expect(repeat).toEqual({ ...first, replayed: 'true' });
    expect(await auditCount('membership.added', api.ids.nobody)).toBe(1);
    expect(await keyRows(key)).toEqual([{ committed: true, stored: true }]);
    // Undo, so other cases start from the demo world.
    expect(
      (await keyed('john', randomUUID(), { query: removeMember, variables: { o: api.ids.beatles, u: api.ids.nobody } })).errors,
    ).toBeUndefined();
  });

  it('two identical keyed requests at the same moment: one runs, the other waits for it and replays its answer', async () => {
    const key = randomUUID();
    const body = { query: createIssue, variables: { r: api.ids['abbey-road'], t: `Concurrent ${key}` } };
    const answers = await Promise.all([keyed('paul', key, body), keyed('paul', key, body)]);
    expect(answers.map((answer) => answer.errors)).toEqual([undefined, undefined]);
    expect(answers[0]?.data).toEqual(answers[1]?.data);
    expect(answers.map((answer) => answer.replayed).sort()).toEqual(['true', null].sort());
    const issues = await sql<{ n: string }>('select count(*) as n from issues where title = ?', [`Concurrent ${key}`]);
    expect(Number(issues[0]?.n)).toBe(1);
  });

  // persona, what the first request does, what a repeat with the same key answers
  const table: readonly [Persona, string, string][] = [
    ['john', 'adds a member (allowed)', 'the stored answer'],
    ['paul', 'adds a member (FORBIDDEN: not an admin)', 'runs again: nothing was changed, the key was given back'],
    ['randall', 'adds a member (NOT_FOUND: cannot see beatles)', 'runs again: nothing was changed, the key was given back'],
  ];
  it.each(table)('%s %s; a repeat: %s', async (persona, _first, repeatDoes) => {
    const key = randomUUID();
    const body = { query: addMember, variables: { o: api.ids.beatles, u: api.ids.nobody, r: 'member' } };
    const first = await keyed(persona, key, body);
    const repeat = await keyed(persona, key, body);
    if (repeatDoes === 'the stored answer') {
      expect(first.errors).toBeUndefined();
      expect(repeat).toEqual({ ...first, replayed: 'true' });
      await keyed('john', undefined, { query: removeMember, variables: { o: api.ids.beatles, u: api.ids.nobody } });
    } else {
      expect(codes(first)).toEqual([persona === 'paul' ? 'FORBIDDEN' : 'NOT_FOUND']);
      expect({ ...repeat, replayed: repeat.replayed }).toEqual({ ...first, replayed: null });
      expect(await keyRows(key)).toEqual([]);
    }
  });

  it("keys are the viewer's own: the same key from two viewers runs twice, each once", async () => {
    const key = randomUUID();
    const title = `Shared key ${key}`;
    const body = { query: createIssue, variables: { r: api.ids['abbey-road'], t: title } };
    const [john, paul] = [await keyed('john', key, body), await keyed('paul', key, body)];
    expect([john.replayed, paul.replayed, john.errors, paul.errors]).toEqual([null, null, undefined, undefined]);
    expect(john.data).not.toEqual(paul.data);
    expect(Number((await sql<{ n: string }>('select count(*) as n from issues where title = ?', [title]))[0]?.n)).toBe(2);
  });
});

describe('what a key refuses', () => {
  it('the same key with other variables or another document answers 422 IDEMPOTENCY_KEY_REUSED and runs nothing', async () => {
    const key = randomUUID();
    const title = `Reused ${key}`;
    expect((await keyed('john', key, { query: createIssue, variables: { r: api.ids['abbey-road'], t: title } })).errors).toBeUndefined();
    const otherVariables = await keyed('john', key, { query: createIssue, variables: { r: api.ids['abbey-road'], t: `${title}!` } });
    const otherDocument = await keyed('john', key, { query: `${createIssue} `, variables: { r: api.ids['abbey-road'], t: title } });
    for (const answer of [otherVariables, otherDocument]) {
      expect([answer.status, codes(answer)]).toEqual([422, ['IDEMPOTENCY_KEY_REUSED']]);
    }
    // Variables in another order are the same request.
    const reordered = await keyed('john', key, { query: createIssue, variables: { t: title, r: api.ids['abbey-road'] } });
    expect(reordered.replayed).toBe('true');
    expect(Number((await sql<{ n: string }>('select count(*) as n from issues where title like ?', [`${title}%`]))[0]?.n)).toBe(1);
  });

  it.each([
    ['empty', ''],
    ['too long', 'k'.repeat(256)],
    ['with a space', 'two words'],
    ['not ASCII', 'clé'],
  ])('a key %s answers 400 BAD_REQUEST and runs nothing', async (_name, key) => {
    const answer = await keyed('john', key, { query: createIssue, variables: { r: api.ids['abbey-road'], t: `Bad key ${key.length}` } });
    expect([answer.status, codes(answer)]).toEqual([400, ['BAD_REQUEST']]);
  });

  it('a keyed batch answers 400 BAD_REQUEST', async () => {
    const answer = await fetch(api.server.url, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        authorization: `Bearer ${await api.tokenOf('john')}`,
        'idempotency-key': randomUUID(),
      },
      body: JSON.stringify([{ query: '{ viewer { login } }' }, { query: '{ viewer { login } }' }]),
    });
    expect(answer.status).toBe(400);
    expect(((await answer.json()) as { errors: GraphQLFormattedError[] }).errors[0]?.extensions?.code).toBe('BAD_REQUEST');
  });

  it('a repeat while the first attempt still runs waits for it, then answers 409 IDEMPOTENCY_KEY_IN_USE with Retry-After', async () => {
    const key = randomUUID();
    const variables = { r: api.ids['abbey-road'], t: `Running ${key}` };
    // The first attempt's row, as it stands while its request runs (fingerprint from a request that ran elsewhere: a mismatch would say 422).
    const first = await keyed('john', key, { query: createIssue, variables });
    expect(first.errors).toBeUndefined();
    await sql(
      "update idempotency_keys set response_status = null, response_body = null, lease_until = now() + interval '1 minute' where key = ?",
      [key],
    );
    const started = Date.now();
    const response = await fetch(api.server.url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${await api.tokenOf('john')}`, 'idempotency-key': key },
      body: JSON.stringify({ query: createIssue, variables }),
    });
    const body = (await response.json()) as { errors: GraphQLFormattedError[] };
    expect([response.status, response.headers.get('retry-after'), body.errors[0]?.extensions?.code]).toEqual([
      409,
      '1',
      'IDEMPOTENCY_KEY_IN_USE',
    ]);
    expect(Date.now() - started).toBeGreaterThanOrEqual(300);
  });

  it('a key whose attempt committed but never stored its answer (its server stopped) answers ALREADY_APPLIED and runs nothing', async () => {
    const key = randomUUID();
    const variables = { r: api.ids['abbey-road'], t: `Lost answer ${key}` };
    expect((await keyed('john', key, { query: createIssue, variables })).errors).toBeUndefined();
    await sql('update idempotency_keys set response_status = null, response_body = null, lease_until = null where key = ?', [key]);
    const repeat = await keyed('john', key, { query: createIssue, variables });
    expect([repeat.status, repeat.errors?.[0]?.extensions]).toEqual([200, { code: 'ALREADY_APPLIED', outcome: 'applied' }]);
    expect(Number((await sql<{ n: string }>('select count(*) as n from issues where title = ?', [variables.t]))[0]?.n)).toBe(1);
  });

  it('a key whose attempt stopped before changing anything (lease over, nothing committed) is taken over: the repeat runs', async () => {
    const key = randomUUID();
    const variables = { r: api.ids['abbey-road'], t: `Taken over ${key}` };
    const first = await keyed('john', key, { query: createIssue, variables });
    expect(first.errors).toBeUndefined();
    await sql('delete from issues where title = ?', [variables.t]);
    await sql(
      'update idempotency_keys set response_status = null, response_body = null, committed_at = null, lease_until = null where key = ?',
      [key],
    );
    const repeat = await keyed('john', key, { query: createIssue, variables });
    expect([repeat.replayed, repeat.errors]).toEqual([null, undefined]);
    expect(await keyRows(key)).toEqual([{ committed: true, stored: true }]);
  });

  it('a key older than 24 hours is forgotten: the same key runs again, and the sweep deletes what is left', async () => {
    const key = randomUUID();
    const variables = { r: api.ids['abbey-road'], t: `Expired ${key}` };
    expect((await keyed('john', key, { query: createIssue, variables })).errors).toBeUndefined();
    await sql("update idempotency_keys set created_at = now() - interval '25 hours' where key = ?", [key]);
    const again = await keyed('john', key, { query: createIssue, variables });
    expect([again.replayed, again.errors]).toEqual([null, undefined]);
    expect(Number((await sql<{ n: string }>('select count(*) as n from issues where title = ?', [variables.t]))[0]?.n)).toBe(2);
    // The sweep (once a minute in the server) deletes keys past their 24 hours, and only those.
    await sql("update idempotency_keys set created_at = now() - interval '25 hours' where key = ?", [key]);
    const fresh = (await sql<{ n: string }>('select count(*) as n from idempotency_keys where key <> ?', [key]))[0]?.n;
    expect(await new IdempotencyKeys(() => api.server.db.em.fork()).sweep()).toBe(1);
    expect(await keyRows(key)).toEqual([]);
    expect((await sql<{ n: string }>('select count(*) as n from idempotency_keys'))[0]?.n).toBe(fresh);
  });
});

describe('where the header is ignored', () => {
  it.each([
    [
      'anonymous signUp',
      'anonymous' as Persona,
      {
        query:
          'mutation($l: String!) { signUp(input: {login: $l, name: "K", email: "keyed@gitclub.test", password: "keyed-password"}) { user { id } } }',
        variables: { l: 'keyed' },
      },
    ],
    ['a query', 'john' as Persona, { query: '{ viewer { login } }' }],
    [
      'login, whose answer holds tokens',
      'john' as Persona,
      { query: 'mutation { login(input: {email: "john@gitclub.test", password: "rolegate-demo"}) { accessToken } }' },
    ],
  ])('%s: no key is stored, and a repeat runs again', async (_name, persona, body) => {
    const key = randomUUID();
    const first = await keyed(persona, key, body);
    expect(first.replayed).toBeNull();
    expect(await keyRows(key)).toEqual([]);
    const repeat = await keyed(persona, key, body);
    expect(repeat.replayed).toBeNull();
  });
});

describe('an attempt that outlives its lease', () => {
  it("loses its key to the repeat that takes it over: its change rolls back with IDEMPOTENCY_KEY_IN_USE, the repeat's commits", async () => {
    const keys = new IdempotencyKeys(() => api.server.db.em.fork());
    const key = randomUUID();
    const first = await keys.lookUp(api.ids.john as string, key, 'fingerprint');
    if (first.kind !== 'run') throw new Error(`expected to run, got ${first.kind}`);
    await sql("update idempotency_keys set lease_until = now() - interval '1 second' where key = ?", [key]);
    const repeat = await keys.lookUp(api.ids.john as string, key, 'fingerprint');
    if (repeat.kind !== 'run') throw new Error(`expected the repeat to take over, got ${repeat.kind}`);
    const marked = async (claim: IdempotencyClaim) =>
      api.server.db.em
        .fork()
        .transactional((tx) => claim.markCommitted(tx))
        .then(
          () => 'committed',
          (error: GraphQLError) => String(error.extensions?.code),
        );
    expect([await marked(first.claim), await marked(repeat.claim)]).toEqual(['IDEMPOTENCY_KEY_IN_USE', 'committed']);
    expect(await keyRows(key)).toEqual([{ committed: true, stored: false }]);
    expect([await first.claim.committed(), await repeat.claim.committed()]).toEqual([false, true]);
  });
});
