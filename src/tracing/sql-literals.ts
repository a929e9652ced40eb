/** A quoted SQL string (`'…'` with `''` inside, `E'…'` with backslash escapes), unterminated ones to the end. */
const stringLiteral = /[Ee]'(?:[^'\\]|\\.|'')*(?:'|$)|'(?:[^']|'')*(?:'|$)/g;

/**
 * The statement with every string literal replaced by `'?'`, for traces: MikroORM sends its
 * parameters inlined, so the raw text of a sign-in or a grant carries emails, names and hashes.
 * Numbers, identifiers and the statement's shape stay, which is what a trace needs.
 */
export function withoutSqlLiterals(sql: string): string {
  return sql.replace(stringLiteral, "'?'");
}
