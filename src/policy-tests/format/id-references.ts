import type { DataPath } from './check-shape.js';

// A world's ids are made when it is inserted, so a file cannot write them: in a query's variables and
// expected data, `{ $id: beatles/infra }` stands for the id of the resource of that name.

/** The one key of an id reference. */
export const idKey = '$id';

/** A value that is an id reference: a map of `$id` alone, to a name. */
function referencedName(value: unknown): string | undefined {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return undefined;
  const entries = Object.entries(value);
  const [first] = entries;
  return entries.length === 1 && first?.[0] === idKey && typeof first[1] === 'string' ? first[1] : undefined;
}

/** Every id reference in a value, with where it is (for a message naming an unknown resource). */
export function idReferencesIn(value: unknown, path: DataPath = []): { readonly path: DataPath; readonly name: string }[] {
  const name = referencedName(value);
  if (name !== undefined) return [{ path, name }];
  if (Array.isArray(value)) return value.flatMap((item, index) => idReferencesIn(item, [...path, index]));
  if (typeof value === 'object' && value !== null)
    return Object.entries(value).flatMap(([key, item]) => idReferencesIn(item, [...path, key]));
  return [];
}

/** The value with each id reference replaced by the id `idOf` gives its name. */
export function resolveIdReferences(value: unknown, idOf: (name: string) => string): unknown {
  const name = referencedName(value);
  if (name !== undefined) return idOf(name);
  if (Array.isArray(value)) return value.map((item) => resolveIdReferences(item, idOf));
  if (typeof value === 'object' && value !== null)
    return Object.fromEntries(Object.entries(value).map(([key, item]) => [key, resolveIdReferences(item, idOf)]));
  return value;
}

/** The value with every string that is a world id written back as its reference: how an answer is shown. */
export function nameIds(value: unknown, nameOf: (id: string) => string | undefined): unknown {
  if (typeof value === 'string') {
    const name = nameOf(value);
    return name === undefined ? value : { [idKey]: name };
  }
  if (Array.isArray(value)) return value.map((item) => nameIds(item, nameOf));
  if (typeof value === 'object' && value !== null)
    return Object.fromEntries(Object.entries(value).map(([key, item]) => [key, nameIds(item, nameOf)]));
  return value;
}
