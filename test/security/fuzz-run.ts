import { changedTables, type Fingerprint } from './database-fingerprint.js';
import { describeReply, valueAt, type Reply } from './fuzz-client.js';
import type { FuzzTarget } from './fuzz-plan.js';
import type { FuzzPersona } from './fuzz-world.js';

/** One request of the fuzzer: a field, its variables, who sends it, and what the answer must be. */
export interface Probe {
  /** `Mutation.createIssue input.title as paul with NUL`: how a report names it. */
  readonly description: string;
  readonly target: FuzzTarget;
  readonly persona: FuzzPersona;
  readonly variables: Record<string, unknown>;
  readonly mustRefuse: boolean;
}

/** How the fuzzer reaches the server and its database. */
export interface FuzzIo {
  send(persona: FuzzPersona, document: string, variables: Record<string, unknown>): Promise<Reply>;
  fingerprint(): Promise<Fingerprint>;
}

/** True when a mutation returned its payload: the one case where writing is expected. */
export function mutationSucceeded(probe: Probe, reply: Reply): boolean {
  return probe.target.operation === 'mutation' && valueAt(reply.data, probe.target.resultPath) != null;
}

/**
 * What is wrong with one answer, each a line starting with its kind: an internal error, a 5xx or
 * no GraphQL answer at all, a value that must be refused but was accepted (or refused with another
 * code than BAD_USER_INPUT where the field ran; anonymous may get UNAUTHENTICATED), an anonymous
 * success on a mutation that is not `@public`.
 */
export function offencesOf(probe: Probe, reply: Reply): string[] {
  const offences: string[] = [];
  const said = describeReply(reply);
  const internal = (reply.errors ?? []).some((error) => error.extensions?.code === 'INTERNAL_SERVER_ERROR');
  if (internal) offences.push(`INTERNAL_SERVER_ERROR: ${probe.description}: ${said}`);
  if (reply.status >= 500 || reply.status === 0) offences.push(`HTTP ${reply.status || 'no answer'}: ${probe.description}: ${said}`);
  else if (reply.data === undefined && reply.errors === undefined) offences.push(`not a GraphQL answer: ${probe.description}: ${said}`);
  const value = valueAt(reply.data, probe.target.resultPath);
  // An internal error is reported once, as such, not again as a refusal with the wrong code.
  if (probe.mustRefuse && !internal)
    offences.push(...refusalOffences(probe, reply, value).map((kind) => `${kind}: ${probe.description}: ${said}`));
  if (probe.persona === 'anonymous' && !probe.target.isPublic && value != null && probe.target.operation === 'mutation') {
    offences.push(`anonymous succeeded: ${probe.description}: ${said}`);
  }
  return offences;
}

/**
 * A value that must be refused: where the field ran (its own error, or a value), it must not answer
 * without an error, and its error must be BAD_USER_INPUT (anonymous may get UNAUTHENTICATED first).
 * A field that never ran (its parent refused, or GraphQL refused the variables) accepted nothing.
 */
function refusalOffences(probe: Probe, reply: Reply, value: unknown): string[] {
  const path = probe.target.resultPath;
  const errors = reply.errors ?? [];
  const own = errors.filter((error) => error.path && path.every((step, index) => error.path?.[index] === step));
  const requestLevel = errors.filter((error) => !error.path);
  const asBadInput = (error: (typeof errors)[number]) =>
    error.extensions?.code === 'BAD_USER_INPUT' || (probe.persona === 'anonymous' && error.extensions?.code === 'UNAUTHENTICATED');
  const ran = own.length > 0 || value !== undefined;
  if (ran && own.length === 0) return ['accepted what must be refused'];
  if (ran && !own.some(asBadInput)) return ['refused, but not as BAD_USER_INPUT'];
  if (!ran && requestLevel.length > 0 && !requestLevel.some(asBadInput)) return ['refused, but not as BAD_USER_INPUT'];
  return [];
}

/** The answers of a run, and every offence found. */
export interface RunResult {
  readonly replies: ReadonlyMap<Probe, Reply>;
  readonly offenders: readonly string[];
}

/**
 * Sends every probe and checks each answer (`offencesOf`) and what it wrote.
 *
 * The rule for writes: only a mutation that returned its payload may write (a successful signUp,
 * login, createOrganization... as anyone allowed to call it). Anything else, a query or a refused
 * mutation, for any persona, must leave every table as it was: same rows, same contents
 * (`databaseFingerprint`). Anonymous requests therefore write only through a successful `@public`
 * mutation (login, signUp, refreshToken), since any other anonymous success is an offence itself.
 *
 * Queries go `concurrency` at a time with one fingerprint around the group; a mutation goes alone,
 * so that a legitimate write never hides another request's. A group that changed the database is
 * replayed one request at a time to name the writer.
 */
export async function runProbes(probes: readonly Probe[], io: FuzzIo, concurrency: number): Promise<RunResult> {
  const replies = new Map<Probe, Reply>();
  const offenders: string[] = [];
  let before = await io.fingerprint();
  const runGroup = async (group: readonly Probe[]) => {
    const answers = await Promise.all(group.map((probe) => io.send(probe.persona, probe.target.document, probe.variables)));
    const after = await io.fingerprint();
    const mayWrite = group.some((probe, index) => mutationSucceeded(probe, answers[index] as Reply));
    group.forEach((probe, index) => replies.set(probe, answers[index] as Reply));
    const changed = changedTables(before, after);
    before = after;
    if (mayWrite || changed.length === 0) return;
    if (group.length === 1) {
      offenders.push(`wrote while refused: ${group[0]?.description}: ${describeReply(answers[0] as Reply)}; changed ${changed.join(', ')}`);
      return;
    }
    const writers: string[] = [];
    for (const probe of group) {
      const reply = await io.send(probe.persona, probe.target.document, probe.variables);
      const after = await io.fingerprint();
      const changedAlone = changedTables(before, after);
      before = after;
      if (changedAlone.length > 0 && !mutationSucceeded(probe, reply))
        writers.push(`wrote while refused: ${probe.description}: ${describeReply(reply)}; changed ${changedAlone.join(', ')}`);
    }
    offenders.push(
      ...(writers.length > 0
        ? writers
        : [`wrote while refused, in one of: ${group.map((probe) => probe.description).join('; ')}; changed ${changed.join(', ')}`]),
    );
  };
  let group: Probe[] = [];
  for (const probe of probes) {
    if (probe.target.operation === 'mutation') {
      if (group.length > 0) await runGroup(group);
      group = [];
      await runGroup([probe]);
      continue;
    }
    group.push(probe);
    if (group.length === concurrency) {
      await runGroup(group);
      group = [];
    }
  }
  if (group.length > 0) await runGroup(group);
  for (const [probe, reply] of replies) offenders.push(...offencesOf(probe, reply));
  return { replies, offenders };
}
