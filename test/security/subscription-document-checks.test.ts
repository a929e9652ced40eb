// What the subscription fuzzer found, held: variables that cannot be coerced are BAD_USER_INPUT over
// WebSocket as over HTTP; @skip or @include on a subscription's root field is GRAPHQL_VALIDATION_FAILED
// (graphql 16 threw out of validation, closing the socket with 4500 and printing a stack); a document
// defining a subscription is refused over HTTP (its resolver ran without an event). Nothing is logged
// at error level or printed.
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { buildSchema } from '../../src/gitclub/schema.js';
import { captureLogs } from '../helpers/log-capture.js';
import { startTestServer, type TestServer } from '../helpers/test-server.js';
import { post } from './fuzz-client.js';
import { openLiveFuzz } from './fuzz-live-client.js';
import { runLiveProbes, type LiveFuzzIo, type LiveProbe } from './fuzz-live-run.js';
import { planSubscriptions, type FuzzTarget } from './fuzz-plan.js';
import { fuzzPersonas, type FuzzPersona } from './fuzz-world.js';

const env = {
  WS_MAX_MESSAGE_BYTES: '2mb',
  WS_MAX_SUBSCRIPTIONS_PER_CONNECTION: '1000',
  WS_MAX_SUBSCRIPTIONS_PER_USER: '100000',
  WS_MAX_SUBSCRIBES_PER_MINUTE: '100000',
};
const timing = { quietMs: 400, confirmMs: 3000 };
let api: TestServer;
let io: LiveFuzzIo;
let targets: FuzzTarget[];
const logs = captureLogs('error');
const printed: unknown[][] = [];
const tokenOf = async (persona: FuzzPersona) => (persona === 'anonymous' ? undefined : await api.tokenOf(persona));
beforeAll(async () => {
  api = await startTestServer({ logger: logs.logger }, env);
  targets = planSubscriptions(buildSchema());
  io = {
    open: async (persona) => {
      const token = await tokenOf(persona);
      return openLiveFuzz(
        api.server.url,
        { type: 'connection_init', payload: token ? { authorization: `Bearer ${token}` } : {} },
        timing.quietMs,
      );
    },
  };
  vi.spyOn(console, 'error').mockImplementation((...args: unknown[]) => void printed.push(args));
}, 180_000);
afterAll(async () => {
  vi.mocked(console.error).mockRestore();
  await api?.stop();
});

/** Offences, then what was logged at error level or printed with console.error while `run` ran. */
async function watched(run: () => Promise<readonly string[]>): Promise<string[]> {
  const [logged, shown] = [logs.lines().length, printed.length];
  const offenders = [...(await run())];
  for (const line of logs.lines().slice(logged)) offenders.push(`logged at error level: ${JSON.stringify(line).slice(0, 300)}`);
  for (const args of printed.slice(shown)) offenders.push(`console.error: ${args.map(String).join(' ').slice(0, 300)}`);
  return offenders.sort();
}

let nested: unknown = 'x';
for (let level = 0; level < 5000; level++) nested = [nested];
/** Variables GraphQL cannot coerce to a required ID: HTTP answers BAD_USER_INPUT (400); the socket must too. */
const wrongTypes: [string, unknown][] = [
  ['null', null],
  ['missing', undefined],
  ['a boolean', true],
  ['an object', { id: 'x' }],
  ['a float', 1.5],
  ['a list', ['x']],
  ['5,000 nested lists', nested],
];

describe('variables that cannot be coerced: BAD_USER_INPUT over WebSocket, as over HTTP', () => {
  it('every Subscription field, every persona: BAD_USER_INPUT', async () => {
    const probes = targets.flatMap((target) =>
      fuzzPersonas.flatMap((persona) =>
        wrongTypes.map(([label, value]): LiveProbe => ({
          description: `${target.coordinate} as ${persona} with ${label}`,
          persona,
          payload: {
            query: target.document,
            operationName: 'Fuzz',
            variables: value === undefined ? {} : { [target.args[0]?.name ?? 'x']: value },
          },
          expected: persona === 'anonymous' ? ['BAD_USER_INPUT', 'UNAUTHENTICATED'] : ['BAD_USER_INPUT'],
          sent: [],
        })),
      ),
    );
    expect(await watched(async () => (await runLiveProbes(probes, io, timing)).offenders)).toEqual([]);
  });
});

describe('@skip or @include on the root field of a subscription', () => {
  const query = (directive: string) => `subscription($r: ID!, $b: Boolean!) { issueEvents(repositoryId: $r) ${directive} { action } }`;
  const rows: [string, Record<string, unknown>][] = [
    ['@include(if: $b), b false (B: graphql 16 throws out of validate)', { query: query('@include(if: $b)'), variables: { b: false } }],
    ['@skip(if: $b), b true (B)', { query: query('@skip(if: $b)'), variables: { b: true } }],
    ['@skip(if: true) (C: no root field left, subscribe() throws)', { query: query('@skip(if: true)'), variables: { b: true } }],
    [
      '@skip(if: true) on a fragment holding the root field (C)',
      {
        query:
          'subscription($r: ID!) { ...Root @skip(if: true) } fragment Root on Subscription { issueEvents(repositoryId: $r) { action } }',
        variables: {},
      },
    ],
  ];
  it('GRAPHQL_VALIDATION_FAILED, the socket open, nothing printed', async () => {
    const probes = rows.flatMap(([what, payload]) =>
      fuzzPersonas.map((persona): LiveProbe => ({
        description: `${what} as ${persona}`,
        persona,
        payload: { ...payload, variables: { ...(payload.variables as object), r: api.ids['abbey-road'] } },
        expected: ['GRAPHQL_VALIDATION_FAILED'],
        sent: [],
      })),
    );
    expect(await watched(async () => (await runLiveProbes(probes, io, timing)).offenders)).toEqual([]);
  });
});

describe('a subscription document over HTTP', () => {
  it('every Subscription field, signed in and not: 400 BAD_REQUEST, nothing logged', async () => {
    const found = await watched(async () => {
      const offences: string[] = [];
      for (const target of targets) {
        for (const persona of ['anonymous', 'paul'] as const) {
          const token = await tokenOf(persona);
          const reply = await post(api.server.url, token ? `Bearer ${token}` : undefined, {
            query: target.document,
            variables: { [target.args[0]?.name ?? 'x']: api.ids['abbey-road'] },
          });
          const codes = (reply.errors ?? []).map((error) => error.extensions?.code);
          if (reply.status !== 400 || codes.join() !== 'BAD_REQUEST')
            offences.push(`${target.coordinate} as ${persona}: HTTP ${reply.status} ${reply.text.slice(0, 200)}`);
        }
      }
      const directive = await post(api.server.url, `Bearer ${await api.tokenOf('paul')}`, {
        query: 'subscription($r: ID!, $b: Boolean!) { issueEvents(repositoryId: $r) @include(if: $b) { action } }',
        variables: { r: api.ids['abbey-road'], b: false },
      });
      if (directive.status >= 500) offences.push(`@include(if: $b) over HTTP: HTTP ${directive.status} ${directive.text.slice(0, 200)}`);
      return offences;
    });
    expect(found).toEqual([]);
  });
});
