/** A piece of SQL with its `?` parameters, in the order the text takes them. */
export interface SqlQuery {
  readonly sql: string;
  readonly params: readonly unknown[];
}

/** True for what `sql` inlines as SQL rather than binding as a parameter. */
function isSqlQuery(value: unknown): value is SqlQuery {
  return typeof value === 'object' && value !== null && 'sql' in value && 'params' in value;
}

/**
 * Composes SQL with its parameters kept in order: an interpolated `SqlQuery` is inlined with its
 * own parameters, anything else becomes one `?` parameter. Queries built from pieces (a rule per
 * piece) cannot put a parameter in the wrong place this way.
 */
export function sql(strings: TemplateStringsArray, ...values: readonly unknown[]): SqlQuery {
  let text = strings[0] ?? '';
  const params: unknown[] = [];
  values.forEach((value, index) => {
    if (isSqlQuery(value)) {
      text += value.sql;
      params.push(...value.params);
    } else {
      text += '?';
      params.push(value);
    }
    text += strings[index + 1] ?? '';
  });
  return { sql: text, params };
}

/** The pieces joined by `separator`, their parameters in order. */
export function joinSql(pieces: readonly SqlQuery[], separator: string): SqlQuery {
  return { sql: pieces.map((piece) => piece.sql).join(separator), params: pieces.flatMap((piece) => piece.params) };
}

/** SQL text with no parameters (a column name, a keyword the server chose). */
export function rawSql(text: string): SqlQuery {
  return { sql: text, params: [] };
}
