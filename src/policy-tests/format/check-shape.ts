import type { RecordShape, Shape } from './shape.js';

/** Where in a file's data a value is: keys and list positions from the top. */
export type DataPath = readonly (string | number)[];

/** One way a value does not fit its shape, with where it is. */
export interface ShapeProblem {
  readonly path: DataPath;
  readonly message: string;
}

/**
 * Every way `value` does not fit `shape`, all at once: a wrong type, an unknown or missing key, a
 * string that does not match its pattern. `label` names the value in messages (`"expect" of a check`).
 */
export function checkShape(value: unknown, shape: Shape, path: DataPath = [], label = 'The file'): ShapeProblem[] {
  const problems: ShapeProblem[] = [];
  const refuse = (message: string, at: DataPath = path) => problems.push({ path: at, message });
  switch (shape.kind) {
    case 'any':
      break;
    case 'nullable':
      if (value !== null) problems.push(...checkShape(value, shape.inner, path, label));
      break;
    case 'text':
      if (typeof value !== 'string') refuse(`${label} must be a string; got ${kindOf(value)}.`);
      else if (shape.pattern && !new RegExp(shape.pattern).test(value)) refuse(`${label} must be ${shape.hint}; got "${value}".`);
      break;
    case 'choice':
      if (typeof value !== 'string' || !shape.choices.includes(value))
        refuse(`${label} must be one of ${quoted(shape.choices)}; got ${typeof value === 'string' ? `"${value}"` : kindOf(value)}.`);
      break;
    case 'flag':
      if (typeof value !== 'boolean') refuse(`${label} must be true or false; got ${kindOf(value)}.`);
      break;
    case 'list':
      if (!Array.isArray(value)) refuse(`${label} must be a list; got ${kindOf(value)}.`);
      else
        value.forEach((item, index) => problems.push(...checkShape(item, shape.items, [...path, index], `Item ${index + 1} of ${label}`)));
      break;
    case 'map':
      if (!isFields(value)) refuse(`${label} must be a map of ${shape.keys}s; got ${kindOf(value)}.`);
      else
        for (const [key, item] of Object.entries(value)) {
          if (shape.keyPattern && !new RegExp(shape.keyPattern).test(key))
            refuse(`"${key}" in ${label} is not ${shape.keys}.`, [...path, key]);
          problems.push(...checkShape(item, shape.values, [...path, key], `"${key}" in ${label}`));
        }
      break;
    case 'record':
      if (!isFields(value)) refuse(`${label} must be ${shape.noun}, a map of ${quoted(Object.keys(shape.fields))}; got ${kindOf(value)}.`);
      else problems.push(...checkRecord(value, shape, path));
      break;
  }
  return problems;
}

function checkRecord(value: Readonly<Record<string, unknown>>, shape: RecordShape, path: DataPath): ShapeProblem[] {
  const problems: ShapeProblem[] = [];
  const known = Object.keys(shape.fields);
  const given = Object.keys(value);
  const missing = shape.required.filter((key) => !(key in value));
  if (missing.length > 0) problems.push({ path, message: `${capitalized(shape.noun)} needs ${quoted(missing, 'and')}.` });
  const chosen = given.filter((key) => key in shape.fields);
  if (shape.exactlyOne && chosen.length !== 1)
    problems.push({
      path,
      message: `${capitalized(shape.noun)} is exactly one of ${quoted(known)}; got ${chosen.length === 0 ? 'none' : quoted(chosen, 'and')}.`,
    });
  for (const key of given) {
    const field = shape.fields[key];
    if (!field) problems.push({ path: [...path, key], message: `Unknown key "${key}" in ${shape.noun}: expected ${quoted(known)}.` });
    else problems.push(...checkShape(value[key], field, [...path, key], `"${key}" of ${shape.noun}`));
  }
  return problems;
}

function isFields(value: unknown): value is Readonly<Record<string, unknown>> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** What a value is, for "got ..." in messages. */
function kindOf(value: unknown): string {
  if (value === null || value === undefined) return 'nothing';
  if (Array.isArray(value)) return 'a list';
  if (typeof value === 'object') return 'a map';
  if (typeof value === 'string') return `the string "${value}"`;
  return `${typeof value === 'number' ? 'the number' : 'the value'} ${String(value)}`;
}

/** `"a", "b" or "c"` (or `and`). */
export function quoted(names: readonly string[], conjunction: 'or' | 'and' = 'or'): string {
  const items = names.map((name) => `"${name}"`);
  return items.length <= 1 ? (items[0] ?? 'nothing') : `${items.slice(0, -1).join(', ')} ${conjunction} ${items.at(-1)}`;
}

function capitalized(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}
