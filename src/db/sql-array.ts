/**
 * A PostgreSQL array literal for one `?` parameter (`= any(?::uuid[])`). MikroORM inlines
 * parameters and would spread a JavaScript array into a list, so arrays travel as one literal.
 */
export function sqlArray(values: readonly string[]): string {
  return `{${values.map((value) => `"${value.replace(/["\\]/g, '\\$&')}"`).join(',')}}`;
}

/** `uuidAmong`'s condition for `count` ids: `column = ?::uuid` for one, `column = any(?::uuid[])` for several. */
export function uuidAmongSql(column: string, count: number): string {
  return count === 1 ? `${column} = ?::uuid` : `${column} = any(?::uuid[])`;
}

/** `uuidAmong`'s one parameter: the id itself for one, an array literal (`sqlArray`) for several. */
export function uuidAmongParam(ids: readonly string[]): string {
  return ids.length === 1 ? (ids[0] as string) : sqlArray(ids);
}

/**
 * `column` among `ids`, as one parameter: `= ?::uuid` for one id, `= any(?::uuid[])` for several.
 * A batch of one is the common case (a mutation's check, one object, a list under one parent);
 * PostgreSQL keeps a prepared plan for the first form, which it costs at one row, and plans the
 * second anew each time, as it cannot know the array's length.
 */
export function uuidAmong(column: string, ids: readonly string[]): { readonly sql: string; readonly params: readonly string[] } {
  return { sql: uuidAmongSql(column, ids.length), params: [uuidAmongParam(ids)] };
}
