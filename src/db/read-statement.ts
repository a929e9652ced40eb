/** A statement that only reads: safe to send twice. What writes, locks or draws from a sequence is not. */
const readStatement = /^[\s(]*(?:select|with|values|table|show)\b/i;
const sideEffects = /\b(?:insert|update|delete|merge|truncate|nextval|setval|set_config|pg_advisory\w*|pg_notify|lo_\w+)\b/i;

/** Whether a statement (its text, or a query object with one) only reads: a lost connection may send it again, a prepared plan may serve it. */
export function readsOnly(query: unknown): boolean {
  const sql = typeof query === 'string' ? query : (query as { sql?: unknown } | null)?.sql;
  return typeof sql === 'string' && readStatement.test(sql) && !sideEffects.test(sql);
}
