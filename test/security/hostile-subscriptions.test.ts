import { extendSchema, parse, validate, type GraphQLSchema } from 'graphql';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { buildSchema } from '../../src/gitclub/schema.js';
import { captureLogs } from '../helpers/log-capture.js';
import { startTestServer, type TestServer } from '../helpers/test-server.js';
import { connectLive, issueEventsQuery } from '../subscriptions/live-client.js';
import { untilRunning } from '../subscriptions/live-test-server.js';
import { changedTables, databaseFingerprinter, type Fingerprint } from './database-fingerprint.js';
import { openLiveFuzz, type LiveAnswer } from './fuzz-live-client.js';
import { documentRows } from './fuzz-live-documents.js';
import { frameRows } from './fuzz-live-frames.js';
import { liveOffencesOf, runLiveFrames, runLiveProbes, type LiveFuzzIo, type LiveProbe } from './fuzz-live-run.js';
import { planSubscriptions, type FuzzTarget, type Leaf } from './fuzz-plan.js';
import type { Probe } from './fuzz-run.js';
import { idKindOf, variablesFor } from './fuzz-variables.js';
import { buildFuzzWorld, fuzzPersonas, type FuzzPersona, type FuzzWorld } from './fuzz-world.js';
import { describeDifference, hiddenPairs, withoutSent } from './hidden-pairs.js';
import { hostileValuesFor, type Hostile } from './hostile-values.js';
import { deal, seededRandom } from './seeded-random.js';

/**
 * The hostile-input fuzzer over WebSocket (graphql-transport-ws, as graphql-ws speaks it): every
 * argument of every Subscription field gets the HTTP fuzzer's hostile values, hostile documents
 * and hostile frames are sent, as anonymous, an outsider (nobody), a member (paul) and an admin
 * (john). Asserted: each answer is a refusal with a code of the error catalog (never
 * INTERNAL_SERVER_ERROR, never a stack frame or SQL) or a started subscription, the outcome each
 * row expects; the socket closes only with the protocol's codes; a hidden resource answers
 * exactly as a missing one; nothing is written, nothing logged at error level (graphql-ws prints
 * its internal errors with console.error: counted too); the server serves subscriptions after.
 *
 * By default every hostile value reaches every field once, dealt across the personas with FUZZ_SEED
 * (printed); FUZZ_FULL=1 sends every value as every persona.
 */
const full = process.env.FUZZ_FULL === '1';
const seed = Number(process.env.FUZZ_SEED ?? 10);
if (!Number.isSafeInteger(seed)) throw new Error(`FUZZ_SEED must be an integer; got "${process.env.FUZZ_SEED}".`);
const hiddenPerLeaf = full ? undefined : 2;
// A batch ends after this long without a message; probes still running where a refusal was expected are sent again and given longer.
const timing = { quietMs: 400, confirmMs: 3000 };

// Limits raised so that each probe reaches the check it is about: values of 1,000,000 characters
// under the message size (as the HTTP fuzzer keeps them under the body limit), and hundreds of
// subscriptions per socket and per minute. test/subscriptions/limits.test.ts holds each limit.
const env = {
  WS_MAX_MESSAGE_BYTES: '2mb',
  WS_MAX_SUBSCRIPTIONS_PER_CONNECTION: '1000',
  WS_MAX_SUBSCRIPTIONS_PER_USER: '100000',
  WS_MAX_SUBSCRIBES_PER_MINUTE: '100000',
};

/** What the plain subscription of a repository the members read gets, by persona. */
const plainOutcome: Record<FuzzPersona, string> = { anonymous: 'UNAUTHENTICATED', nobody: 'NOT_FOUND', paul: 'running', john: 'running' };

let api: TestServer;
let world: FuzzWorld;
let schema: GraphQLSchema;
let targets: FuzzTarget[];
let io: LiveFuzzIo;
let fingerprint: () => Promise<Fingerprint>;
const logs = captureLogs('error');
const printed: unknown[][] = [];
beforeAll(async () => {
  api = await startTestServer({ logger: logs.logger }, env);
  for (const persona of fuzzPersonas) if (persona !== 'anonymous') await api.tokenOf(persona);
  world = await buildFuzzWorld(api);
  schema = buildSchema();
  targets = planSubscriptions(schema);
  const initOf = async (persona: FuzzPersona) => ({
    type: 'connection_init',
    payload: persona === 'anonymous' ? {} : { authorization: `Bearer ${await api.tokenOf(persona)}` },
  });
  io = { open: async (persona) => openLiveFuzz(api.server.url, await initOf(persona), timing.quietMs) };
  fingerprint = databaseFingerprinter(() => api.server.db.em.fork());
  vi.spyOn(console, 'error').mockImplementation((...args: unknown[]) => void printed.push(args));
  console.info(`hostile-subscriptions: seed ${seed}${full ? ', full run' : ' (FUZZ_SEED to change it, FUZZ_FULL=1 for every value)'}`);
}, 180_000);
afterAll(async () => {
  vi.mocked(console.error).mockRestore();
  await api?.stop();
});

/** Runs a fuzz, then adds what it left behind: rows written, lines logged at error level, console.error calls. */
async function watched(fuzz: () => Promise<readonly string[]>): Promise<string[]> {
  const before = await fingerprint();
  const [logged, shown] = [logs.lines().length, printed.length];
  const offenders = [...(await fuzz())];
  const changed = changedTables(before, await fingerprint());
  if (changed.length > 0) offenders.push(`wrote: ${changed.join(', ')}`);
  for (const line of logs.lines().slice(logged)) offenders.push(`logged at error level: ${JSON.stringify(line).slice(0, 300)}`);
  for (const args of printed.slice(shown)) offenders.push(`console.error: ${args.map(String).join(' ').slice(0, 300)}`);
  return offenders.sort();
}

const payloadOf = (target: FuzzTarget, variables: Record<string, unknown>) => ({
  query: target.document,
  variables,
  operationName: 'Fuzz',
});
const stringsIn = (value: unknown): string[] =>
  typeof value === 'string' ? [value] : Array.isArray(value) ? value.flatMap(stringsIn) : [];

/**
 * What a hostile value may get: refused as bad input where it must be (anonymous: signed out first);
 * in an ID leaf, also NOT_FOUND, since no fuzz persona can see what any hostile id names.
 */
function expectedFor(leaf: Leaf, hostile: Hostile, persona: FuzzPersona): readonly string[] | undefined {
  const refused = hostile.mustRefuse ? ['BAD_USER_INPUT'] : leaf.type.name === 'ID' ? ['NOT_FOUND', 'BAD_USER_INPUT'] : undefined;
  return refused && persona === 'anonymous' ? ['UNAUTHENTICATED', 'BAD_USER_INPUT'] : refused;
}

describe('the live fuzz plan follows the schema', () => {
  it('every Subscription field is a target whose document the schema validates', () => {
    expect(targets.map((target) => target.coordinate).sort()).toEqual(
      Object.keys(schema.getSubscriptionType()?.getFields() ?? {})
        .map((name) => `Subscription.${name}`)
        .sort(),
    );
    for (const target of targets) expect(validate(schema, parse(target.document)), target.coordinate).toEqual([]);
  });

  it('a new subscription field, with arguments or without, is fuzzed without editing the test', () => {
    const extended = extendSchema(schema, parse('extend type Subscription { fuzzProbe(code: String!): Boolean fuzzBare: Boolean }'));
    const added = planSubscriptions(extended).filter((target) => target.fieldName.startsWith('fuzz'));
    expect(added.map((target) => [target.coordinate, target.leaves.map((leaf) => leaf.coordinate)])).toEqual([
      ['Subscription.fuzzProbe', ['Subscription.fuzzProbe(code:)']],
      ['Subscription.fuzzBare', []],
    ]);
    for (const target of added) expect(validate(extended, parse(target.document))).toEqual([]);
  });
});

describe('the live checks can fail', () => {
  const probe: LiveProbe = {
    description: 'probe',
    persona: 'paul',
    payload: {},
    expected: ['NOT_FOUND'],
    sent: ["'; select 1 from users"],
  };
  const refused = (message: string, code?: unknown): LiveAnswer => ({
    state: 'completed',
    text: JSON.stringify({ id: '<id>', type: 'next', payload: { errors: [{ message, extensions: { code } }] } }),
    errors: [{ message, extensions: code === undefined ? {} : { code } }],
    data: undefined,
  });
  const running: LiveAnswer = { state: 'running', text: '', errors: undefined, data: undefined };
  it.each([
    { answer: 'an internal error', reply: refused('Internal server error.', 'INTERNAL_SERVER_ERROR'), kinds: ['INTERNAL_SERVER_ERROR'] },
    { answer: 'a code the catalog lacks', reply: refused('Not found.', 'NOT_FOUND_HERE'), kinds: ['outcome not allowed', 'unknown code'] },
    { answer: 'no code', reply: refused('Not found.'), kinds: ['outcome not allowed', 'unknown code'] },
    { answer: 'a stack frame', reply: refused('Boom\n    at resolve (/app/src/x.ts:3:1)', 'NOT_FOUND'), kinds: ['shows internals'] },
    { answer: 'SQL', reply: refused('select id from "repositories" where id = $1', 'NOT_FOUND'), kinds: ['shows internals'] },
    { answer: 'the SQL the client sent, echoed', reply: refused("Bad id: '; select 1 from users", 'NOT_FOUND'), kinds: [] },
    { answer: 'running where a refusal is expected', reply: running, kinds: ['outcome not allowed'] },
    { answer: 'the socket closed under it', reply: { ...running, state: 'cut' as const }, kinds: ['socket closed'] },
    { answer: 'the expected refusal', reply: refused('Not found: it does not exist, or you may not see it.', 'NOT_FOUND'), kinds: [] },
  ])('$answer', ({ reply, kinds }) => {
    expect(
      liveOffencesOf(probe, reply, { code: 4500, reason: 'x' })
        .map((offence) => offence.split(':')[0])
        .sort(),
    ).toEqual(kinds);
  });
});

describe('hostile subscriptions over WebSocket', () => {
  it('a hidden resource gets the same answer as a missing one, byte for byte', async () => {
    const random = seededRandom(seed);
    const choose = <T>(items: readonly T[]) => deal(items, 1, hiddenPerLeaf, random)[0] ?? [];
    const pairs = targets.flatMap((target) => fuzzPersonas.flatMap((persona) => hiddenPairs(target, persona, world, choose)));
    const asLive = ({ description, persona, target, variables }: Probe, sent: string): LiveProbe => ({
      description,
      persona,
      payload: payloadOf(target, variables),
      expected: [persona === 'anonymous' ? 'UNAUTHENTICATED' : 'NOT_FOUND'],
      sent: [sent],
    });
    const compared = pairs.map((pair) => ({
      pair,
      hidden: asLive(pair.hidden, pair.sent[0]),
      missing: asLive(pair.missing, pair.sent[1]),
    }));
    let differing: string[] = [];
    const offenders = await watched(async () => {
      const { answers, offenders } = await runLiveProbes(
        compared.flatMap(({ hidden, missing }) => [hidden, missing]),
        io,
        timing,
      );
      // The id of each operation is already `<id>` in the text; what each echoes of its own value becomes `<sent>`.
      const said = (probe: LiveProbe) => `WebSocket\n${withoutSent(answers.get(probe)?.text ?? '', probe.sent[0] ?? '')}`;
      differing = compared.flatMap(({ pair, hidden, missing }) =>
        said(hidden) === said(missing)
          ? []
          : [`hidden differs from missing: ${pair.description}: ${describeDifference(said(hidden), said(missing))}`],
      );
      return offenders;
    });
    expect(pairs.length).toBeGreaterThan(0);
    expect([...differing, ...offenders]).toEqual([]);
  });

  it('hostile argument values: a known refusal or a start, the one each value must get', async () => {
    const random = seededRandom(seed + 1);
    const probes: LiveProbe[] = [];
    for (const target of targets) {
      for (const leaf of target.leaves) {
        const values = hostileValuesFor(leaf, { foreignId: world.foreign[idKindOf(leaf.name) ?? 'organization'] });
        const hands = deal(values, fuzzPersonas.length, full ? undefined : Math.ceil(values.length / fuzzPersonas.length), random);
        fuzzPersonas.forEach((persona, index) => {
          for (const hostile of hands[index] ?? []) {
            probes.push({
              description: `${target.coordinate} ${leaf.path.join('.')} as ${persona} with ${hostile.label}`,
              persona,
              payload: payloadOf(target, variablesFor(target, world.own[persona], { leaf, value: hostile.value })),
              expected: expectedFor(leaf, hostile, persona),
              sent: stringsIn(hostile.value),
            });
          }
        });
      }
    }
    expect(probes.length).toBeGreaterThan(0);
    expect(await watched(async () => (await runLiveProbes(probes, io, timing)).offenders)).toEqual([]);
  });

  it('hostile documents: each gets its refusal, or starts as the plain subscription does', async () => {
    const repositoryId = api.ids['abbey-road'] as string;
    const probes = documentRows.flatMap((row) =>
      fuzzPersonas.map((persona): LiveProbe => ({
        description: `${row.what} as ${persona}`,
        persona,
        payload: row.payload(repositoryId),
        expected: row.expected.map((outcome) => (outcome === 'plain' ? plainOutcome[persona] : outcome)),
        sent: [],
      })),
    );
    expect(await watched(async () => (await runLiveProbes(probes, io, timing)).offenders)).toEqual([]);
  });

  it('hostile frames: closed with the protocol code for each, never an internal error', async () => {
    const rows = frameRows(await api.tokenOf('paul'), api.ids['abbey-road'] as string);
    const open = (init: unknown) => openLiveFuzz(api.server.url, init, timing.quietMs);
    expect(await watched(() => runLiveFrames(rows, open, timing.quietMs))).toEqual([]);
  });

  it('the server still serves subscriptions after the fuzz', async () => {
    const client = await connectLive(api.server.url, await api.tokenOf('paul'));
    const subscription = client.subscribe(issueEventsQuery, { repositoryId: api.ids['abbey-road'] });
    const event = {
      topic: 'issue',
      repositoryId: api.ids['abbey-road'] as string,
      issueId: api.ids['abbey-road#1'] as string,
      action: 'UPDATED',
    } as const;
    await untilRunning(api, subscription, event);
    await client.dispose();
  });
});
