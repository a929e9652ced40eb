import { randomUUID } from 'node:crypto';
import { isEnumType, type GraphQLEnumType } from 'graphql';
import type { Leaf } from './fuzz-plan.js';

/** A hostile value for one leaf, labelled for reports. */
export interface Hostile {
  readonly label: string;
  readonly value: unknown;
  /**
   * The server must not accept it: the response carries an error and the field no value. For
   * strings beyond any sane maximum, NUL, lone surrogates, and what GraphQL itself cannot coerce.
   */
  readonly mustRefuse: boolean;
}

/** Where the hostile values of a leaf come from: the id of an object of another tenant, for the "foreign id" values. */
export interface HostileSources {
  readonly foreignId: string;
}

const b64 = (text: string) => Buffer.from(text, 'utf8').toString('base64url');
const refuse = (label: string, value: unknown): Hostile => ({ label, value, mustRefuse: true });
const tolerate = (label: string, value: unknown): Hostile => ({ label, value, mustRefuse: false });

// 1,000,000 ASCII characters: with the query, the body stays under the default 1 MiB HTTP limit.
const megabyte = 'a'.repeat(1_000_000);

function strings(sources: HostileSources): Hostile[] {
  return [
    refuse('1,000,000 characters', megabyte),
    refuse('NUL', 'a\u0000b'),
    refuse('lone high surrogate', '\ud800'),
    refuse('lone low surrogate inside text', 'a\udc00b'),
    refuse('1 MB email', `a@${'.'.repeat(999_990)}@`),
    tolerate('right-to-left override', '\u202egnp.exe'),
    tolerate('zero-width space', 'beat\u200bles'),
    tolerate('SQL injection', "'; drop table users; --"),
    tolerate('SQL LIKE wildcards', '%_%'),
    tolerate('path traversal', '../../etc/passwd'),
    tolerate('script tag', '<script>alert(1)</script>'),
    tolerate('percent-encoded NUL', '%00'),
    tolerate('malformed UUID', 'not-a-uuid'),
    tolerate('UUID with a trailing newline', `${randomUUID()}\n`),
    tolerate('random UUID', randomUUID()),
    tolerate('foreign id', sources.foreignId),
    tolerate('FOREIGN ID (uppercase)', sources.foreignId.toUpperCase()),
    tolerate('whitespace only', ' \t\n '),
    tolerate('empty string', ''),
  ];
}

function cursors(): Hostile[] {
  const id = randomUUID();
  return [
    tolerate('cursor: empty', ''),
    tolerate('cursor: not base64', '!!!'),
    tolerate('cursor: base64 of garbage', b64('garbage')),
    tolerate('cursor: bare prefix', b64('c:')),
    tolerate('cursor: JSON', b64(JSON.stringify({ id: 'x', createdAt: 0 }))),
    tolerate('cursor: non-UUID id', b64('c:2020-01-01T00:00:00.000Z|not-a-uuid')),
    tolerate('cursor: 36 dashes as id', b64(`c:2020-01-01T00:00:00.000Z|${'-'.repeat(36)}`)),
    tolerate('cursor: year +275760', b64(`c:+275760-09-13T00:00:00.000Z|${id}`)),
    tolerate('cursor: year 0', b64(`c:0000-01-01T00:00:00.000Z|${id}`)),
    tolerate('cursor: huge number', b64('c:99999999999999')),
    tolerate('cursor: 1e21', b64('c:1e21')),
    tolerate('cursor: NUL', b64('c:a\u0000b')),
    tolerate('cursor: 700,000 characters', b64(`c:${'x'.repeat(700_000)}`)),
  ];
}

function dates(): Hostile[] {
  return [
    tolerate('date: year 0', '0000-01-01'),
    tolerate('date: JavaScript maximum', '+275760-09-13T00:00:00Z'),
    tolerate('date: past JavaScript maximum', '+275760-09-13T00:00:00.001Z'),
    tolerate('date: negative year', '-001000-01-01T00:00:00Z'),
    tolerate('date: February 30', '2024-02-30'),
    tolerate('date: a word', 'yesterday'),
    tolerate('date: year 9999', '9999-12-31T23:59:59Z'),
  ];
}

function ints(): Hostile[] {
  return [
    tolerate('Int 0', 0),
    tolerate('Int -1', -1),
    tolerate('Int maximum', 2_147_483_647),
    tolerate('Int minimum', -2_147_483_648),
    refuse('Int maximum + 1', 2_147_483_648),
    refuse('Int 1e300', 1e300),
    refuse('Int 1.5', 1.5),
    refuse('Int as a string', '1'),
  ];
}

function enums(type: GraphQLEnumType): Hostile[] {
  const first = type.getValues()[0]?.name ?? 'X';
  return [
    refuse('enum: unknown value', 'NOT_A_VALUE'),
    refuse('enum: another case', first === first.toLowerCase() ? first.toUpperCase() : first.toLowerCase()),
    refuse('enum: a number', 1),
  ];
}

/** Every hostile value for a leaf, chosen by its type and its name (cursors, instants, emails, ids). */
export function hostileValuesFor(leaf: Leaf, sources: HostileSources): Hostile[] {
  const name = leaf.name;
  let values: Hostile[];
  if (isEnumType(leaf.type)) values = enums(leaf.type);
  else if (leaf.type.name === 'Int') values = ints();
  else if (leaf.type.name === 'Float')
    values = [tolerate('Float 1e308', 1e308), tolerate('Float -1e308', -1e308), refuse('Float as a string', '1')];
  else if (leaf.type.name === 'Boolean') values = [refuse('Boolean as a string', 'true'), refuse('Boolean as a number', 0)];
  else {
    values = strings(sources);
    if (leaf.type.name === 'ID') values.push(tolerate('ID as an integer', 12345));
    if (/^(after|before)$/.test(name)) values.push(...cursors());
    if (/^(since|until)$|At$|Date$/.test(name)) values.push(...dates());
    if (leaf.maxLength !== undefined)
      values.push(refuse(`${leaf.maxLength + 1} characters (maximum ${leaf.maxLength})`, 'x'.repeat(leaf.maxLength + 1)));
  }
  if (!leaf.list) return values;
  return [
    ...values.map((hostile) => ({ ...hostile, value: [hostile.value] })),
    tolerate('list: empty', []),
    tolerate('list: a null element', [null]),
    tolerate(
      'list: 100,000 elements',
      Array.from({ length: 100_000 }, () => 'x'),
    ),
  ];
}
