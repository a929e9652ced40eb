/**
 * A PostgreSQL array literal for one `?` parameter (`= any(?::uuid[])`). MikroORM inlines
 * parameters and would spread a JavaScript array into a list, so arrays travel as one literal.
 */
export function sqlArray(values: readonly string[]): string {
  return `{${values.map((value) => `"${value.replace(/["\\]/g, '\\$&')}"`).join(',')}}`;
}

/**
 * `column` among `ids`, as one parameter: `= ?::uuid` for one id, `= any(?::uuid[])` for several.
 * A batch of one is the common case (a mutation's check, one object); PostgreSQL keeps a prepared
 * plan for the first form, which it costs at one row, and plans the second anew each time, as it
 * cannot know the array's length.
 */
export function uuidAmong(column: string, ids: readonly string[]): { readonly sql: string; readonly params: readonly string[] } {
  const [only] = ids;
  return ids.length === 1 && only !== undefined
    ? { sql: `${column} = ?::uuid`, params: [only] }
    : { sql: `${column} = any(?::uuid[])`, params: [sqlArray(ids)] };
}
