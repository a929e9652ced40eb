import { errorCatalog } from '../../src/errors/error-catalog.js';
import type { LiveAnswer, LiveClose, LiveFuzzSocket } from './fuzz-live-client.js';
import type { FuzzPersona } from './fuzz-world.js';
import { withoutSent } from './hidden-pairs.js';

/** One subscribe message of the fuzzer: who sends it, what, and which answers it may get. */
export interface LiveProbe {
  /** `Subscription.issueEvents repositoryId as paul with NUL`: how a report names it. */
  readonly description: string;
  readonly persona: FuzzPersona;
  /** The subscribe message's payload as sent: `{ query, variables, operationName }`, or what no client would send. */
  readonly payload: unknown;
  /** The outcomes it may get (`outcomeOf`: `running`, `NOT_FOUND`...); undefined: any answer with a known code. */
  readonly expected?: readonly string[];
  /** Strings the client sent: an answer may echo them, so they are blanked before it is searched for internals. */
  readonly sent: readonly string[];
}

/** How the fuzzer reaches the live server: a socket signed in as a persona (acknowledged, or closed if refused). */
export interface LiveFuzzIo {
  open(persona: FuzzPersona): Promise<LiveFuzzSocket>;
}

/** How long a batch waits for answers: `quietMs` without a message ends it; probes still running where a refusal was expected get `confirmMs`. */
export interface LiveTiming {
  readonly quietMs: number;
  readonly confirmMs: number;
}

/** An answer in a word: `running` (it started), its error codes (`NOT_FOUND`), `data` (an event), or `cut` (the socket closed). */
export function outcomeOf(answer: LiveAnswer): string {
  if (answer.errors && answer.errors.length > 0) {
    return [...new Set(answer.errors.map((error) => String(error.extensions?.code ?? 'no code')))].join(', ');
  }
  if (answer.state === 'running' || answer.state === 'cut') return answer.state;
  return answer.data === undefined ? 'completed without a result' : 'data';
}

/** What an answer must never show: a stack frame, a source path, SQL, or the database's own words. */
const internals: readonly RegExp[] = [
  /\bat [\w.<>]+ \(|\bat (file|node):/,
  /node_modules|\/src\/|\.[cm]?[jt]s:\d+/,
  /\b(select|insert into|update|delete from)\b[^"]{0,200}\b(from|where|values|set)\b/i,
  /syntax error at or near|violates [\w ]*constraint|relation "[^"]*" does not exist|duplicate key value|PGlite|MikroORM|PostgreSQL|\bpg_\w+/i,
  /"(stacktrace|exception)"/,
];

/**
 * What is wrong with one answer, each a line starting with its kind: an internal error, a code
 * the error catalog does not hold, the socket closed under it (`closed`: how), internals in the
 * text or the close reason, an outcome the probe does not allow.
 */
export function liveOffencesOf(probe: LiveProbe, answer: LiveAnswer, closed?: LiveClose): string[] {
  const outcome = outcomeOf(answer);
  const said = `${outcome}${closed ? ` (closed ${closed.code} ${JSON.stringify(closed.reason)})` : ''}: ${answer.text.slice(0, 200)}`;
  const offences: string[] = [];
  const codes = (answer.errors ?? []).map((error) => error.extensions?.code);
  const internal = codes.includes('INTERNAL_SERVER_ERROR');
  if (internal) offences.push(`INTERNAL_SERVER_ERROR: ${probe.description}: ${said}`);
  if (codes.some((code) => typeof code !== 'string' || !(code in errorCatalog)))
    offences.push(`unknown code: ${probe.description}: ${said}`);
  if (answer.state === 'cut') offences.push(`socket closed: ${probe.description}: ${said}`);
  const shown = probe.sent.reduce((text, sent) => withoutSent(text, sent), `${answer.text}\n${closed?.reason ?? ''}`);
  if (internals.some((pattern) => pattern.test(shown))) offences.push(`shows internals: ${probe.description}: ${said}`);
  if (probe.expected && !probe.expected.includes(outcome) && !internal && answer.state !== 'cut') {
    offences.push(`outcome not allowed: ${probe.description}: ${said} (allowed: ${probe.expected.join(', ')})`);
  }
  return offences;
}

/** The answers of a run, and every offence found. */
export interface LiveRunResult {
  readonly answers: ReadonlyMap<LiveProbe, LiveAnswer>;
  readonly offenders: readonly string[];
}

/**
 * Sends every probe over WebSocket and checks each answer (`liveOffencesOf`). One socket per
 * persona and `perSocket` probes, all sent at once; a batch ends when every probe has ended or
 * nothing arrived for `quietMs`, and what is still silent is running. A probe running where a
 * refusal was expected may be a slow refusal: such probes are sent again and given `confirmMs`.
 * A socket the server closes, or a frame that belongs to no operation, is an offence too.
 */
export async function runLiveProbes(
  probes: readonly LiveProbe[],
  io: LiveFuzzIo,
  timing: LiveTiming,
  perSocket = 100,
): Promise<LiveRunResult> {
  const answers = new Map<LiveProbe, LiveAnswer>();
  const closes = new Map<LiveProbe, LiveClose>();
  const offenders: string[] = [];
  const runBatch = async (batch: readonly LiveProbe[], quietMs: number) => {
    const persona = batch[0]?.persona ?? 'anonymous';
    const socket = await io.open(persona);
    if (!socket.acknowledged()) offenders.push(`not acknowledged as ${persona}: ${JSON.stringify(socket.closedByServer())}`);
    batch.forEach((probe, index) => socket.send({ id: `p${index}`, type: 'subscribe', payload: probe.payload }));
    await socket.settle(
      batch.map((_, index) => `p${index}`),
      quietMs,
    );
    const closed = socket.closedByServer();
    batch.forEach((probe, index) => {
      answers.set(probe, socket.answerOf(`p${index}`));
      if (closed) closes.set(probe, closed);
    });
    for (const stray of socket.strays()) offenders.push(`a frame of no operation, as ${persona}: ${stray}`);
    socket.close();
  };
  const runAll = async (some: readonly LiveProbe[], quietMs: number) => {
    const batches: LiveProbe[][] = [];
    for (const persona of new Set(some.map((probe) => probe.persona))) {
      const own = some.filter((probe) => probe.persona === persona);
      for (let start = 0; start < own.length; start += perSocket) batches.push(own.slice(start, start + perSocket));
    }
    await Promise.all(batches.map((batch) => runBatch(batch, quietMs)));
  };
  await runAll(probes, timing.quietMs);
  await runAll(
    probes.filter((probe) => answers.get(probe)?.state === 'running' && probe.expected && !probe.expected.includes('running')),
    timing.confirmMs,
  );
  for (const probe of probes) offenders.push(...liveOffencesOf(probe, answers.get(probe) as LiveAnswer, closes.get(probe)));
  return { answers, offenders };
}

/** A socket opened with frames no well-behaved client sends, and how it must end: `closed 4400`, or `open`. */
export interface LiveFrameProbe {
  readonly description: string;
  /** The first frame: a `connection_init` (hostile or not), or anything. */
  readonly init: unknown;
  /** Frames sent once the first is answered. */
  readonly then: readonly unknown[];
  readonly expected: string;
  /** Strings sent that the close reason may echo. */
  readonly sent: readonly string[];
}

/** Opens a socket per probe (all at once) and reports each that ends otherwise than expected, or whose close reason shows internals. */
export async function runLiveFrames(
  probes: readonly LiveFrameProbe[],
  open: (init: unknown) => Promise<LiveFuzzSocket>,
  quietMs: number,
): Promise<string[]> {
  const offences = await Promise.all(
    probes.map(async (probe) => {
      const socket = await open(probe.init);
      for (const frame of probe.then) socket.send(frame);
      await socket.settle(['never answered'], quietMs);
      const closed = socket.closedByServer();
      socket.close();
      const outcome = closed ? `closed ${closed.code}` : 'open';
      const answer: LiveAnswer = { state: 'running', text: '', errors: undefined, data: undefined };
      const asProbe: LiveProbe = { description: probe.description, persona: 'anonymous', payload: probe.init, sent: probe.sent };
      const found = liveOffencesOf(asProbe, answer, closed);
      if (outcome !== probe.expected) {
        found.push(
          `outcome not allowed: ${probe.description}: ${outcome} ${JSON.stringify(closed?.reason ?? '')} (allowed: ${probe.expected})`,
        );
      }
      return found;
    }),
  );
  return offences.flat();
}
