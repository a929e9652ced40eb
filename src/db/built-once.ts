/**
 * Wraps `build` so that each key's value is built once and the same one handed back after: for the
 * SQL texts statements are made of, a handful per server, where building a new string on every
 * request (and hashing it again as a statement's name) was a measurable share of a short request.
 * `keyOf` names what the value depends on; its keys must come from the server's own few values
 * (aliases, permissions, policy rules), never from what clients send, since nothing is evicted.
 */
export function builtOnce<Args extends readonly unknown[], Value>(
  keyOf: (...args: Args) => string | boolean,
  build: (...args: Args) => Value,
): (...args: Args) => Value {
  const built = new Map<string | boolean, Value>();
  return (...args) => {
    const key = keyOf(...args);
    let value = built.get(key);
    if (value === undefined) built.set(key, (value = build(...args)));
    return value;
  };
}
