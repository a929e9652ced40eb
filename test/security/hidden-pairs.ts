import { randomUUID } from 'node:crypto';
import type { Reply } from './fuzz-client.js';
import type { FuzzTarget, Leaf } from './fuzz-plan.js';
import type { Probe } from './fuzz-run.js';
import { freshName, idKindOf, setAt, variablesFor } from './fuzz-variables.js';
import type { FuzzPersona, FuzzWorld, HiddenId, HiddenName } from './fuzz-world.js';

/** The same request twice, one leaf naming an existing object the persona cannot see, then nothing at all. */
export interface HiddenPair {
  readonly description: string;
  readonly hidden: Probe;
  readonly missing: Probe;
  /** The values the two requests sent in that leaf: an answer may echo what it was sent, and only that. */
  readonly sent: readonly [string, string];
}

/** String leaves of root queries that look objects up by name. */
const lookupNames = new Set(['login', 'owner', 'name']);

/** The hidden objects an ID leaf can name, by its name (any kind for a name the table does not know; users are never hidden). */
function candidatesFor(leaf: Leaf, hidden: readonly HiddenId[]): readonly HiddenId[] {
  const kind = idKindOf(leaf.name);
  if (kind === 'user') return [];
  if (kind === 'resource') return hidden.filter((object) => ['organization', 'repository', 'issue'].includes(object.kind));
  return kind ? hidden.filter((object) => object.kind === kind) : hidden;
}

/**
 * Every hidden/missing pair of a target for a persona: for each ID leaf, each hidden object of its
 * kind against a random UUID; for each lookup name of a root query, each hidden object's names
 * against the same names with that one replaced by a fresh name. `choose` samples the candidates.
 * Other leaves hold the persona's baseline; a `permission` beside a resource id asks `read` on the
 * hidden object's kind, so the request is about that object.
 */
export function hiddenPairs(
  target: FuzzTarget,
  persona: FuzzPersona,
  world: FuzzWorld,
  choose: <T>(items: readonly T[]) => readonly T[],
): HiddenPair[] {
  const own = world.own[persona];
  const pairs: HiddenPair[] = [];
  const probe = (leaf: Leaf, label: string, variables: Record<string, unknown>): Probe => ({
    description: `${target.coordinate} ${leaf.path.join('.')} as ${persona}, ${label}`,
    target,
    persona,
    variables,
    mustRefuse: false,
  });
  for (const leaf of target.leaves) {
    const wrap = (value: string) => (leaf.list ? [value] : value);
    if (leaf.type.name === 'ID') {
      for (const object of choose(candidatesFor(leaf, world.hiddenIds[persona]))) {
        const missing = randomUUID();
        const permission = target.leaves.find((other) => other.name === 'permission' && !other.list);
        const withPermission = (variables: Record<string, unknown>) => {
          if (permission && ['organization', 'repository', 'issue'].includes(object.kind))
            setAt(variables, permission.path, `read:${object.kind}`);
          return variables;
        };
        pairs.push({
          description: `${target.coordinate} ${leaf.path.join('.')} as ${persona}: hidden ${object.kind} ${object.label} vs a random UUID`,
          hidden: probe(leaf, `hidden ${object.label}`, withPermission(variablesFor(target, own, { leaf, value: wrap(object.id) }))),
          missing: probe(leaf, 'missing id', withPermission(variablesFor(target, own, { leaf, value: wrap(missing) }))),
          sent: [object.id, missing],
        });
      }
    }
    if (target.operation === 'query' && target.resultPath.length === 1 && lookupNames.has(leaf.name) && !leaf.list) {
      const fits = (lookup: HiddenName) =>
        leaf.name in lookup.names && Object.keys(lookup.names).every((name) => target.leaves.some((other) => other.name === name));
      for (const lookup of choose(world.hiddenNames[persona].filter(fits))) {
        const missing = freshName();
        const named = (value: string) => {
          const variables = variablesFor(target, own);
          for (const other of target.leaves) if (other.name in lookup.names) setAt(variables, other.path, lookup.names[other.name]);
          setAt(variables, leaf.path, value);
          return variables;
        };
        pairs.push({
          description: `${target.coordinate} ${leaf.path.join('.')} as ${persona}: hidden ${lookup.label} vs a missing ${leaf.name}`,
          hidden: probe(leaf, `hidden ${lookup.label}`, named(lookup.names[leaf.name] as string)),
          missing: probe(leaf, `missing ${leaf.name}`, named(missing)),
          sent: [lookup.names[leaf.name] as string, missing],
        });
      }
    }
  }
  return pairs;
}

/** An answer with what the client sent in the compared leaf replaced by `<sent>`: HTTP status and the whole body. */
export function normalizedAnswer(reply: Reply, sent: string): string {
  return `HTTP ${reply.status}\n${withoutSent(reply.text, sent)}`;
}

/** JSON text with every echo of `sent` (escaped as JSON escapes it) replaced by `<sent>`. */
export function withoutSent(text: string, sent: string): string {
  return sent === '' ? text : text.split(JSON.stringify(sent).slice(1, -1)).join('<sent>');
}

/**
 * How two normalized answers differ, for a report: their status, first error code and message
 * when those differ, else the text around the first differing character.
 */
export function describeDifference(hidden: string, missing: string): string {
  const summary = (answer: string) => {
    const [status, ...rest] = answer.split('\n');
    try {
      const body = JSON.parse(rest.join('\n')) as { data?: unknown; errors?: { message: string; extensions?: { code?: string } }[] };
      const error = body.errors?.[0];
      return error
        ? `${status}, ${error.extensions?.code}: ${error.message}`
        : `${status}, data ${JSON.stringify(body.data).slice(0, 160)}`;
    } catch {
      return answer.slice(0, 160);
    }
  };
  const [left, right] = [summary(hidden), summary(missing)];
  if (left !== right) return `hidden -> ${left} | missing -> ${right}`;
  let index = 0;
  while (index < hidden.length && hidden[index] === missing[index]) index++;
  const around = (text: string) => text.slice(Math.max(0, index - 40), index + 80);
  return `hidden -> ...${around(hidden)}... | missing -> ...${around(missing)}...`;
}
