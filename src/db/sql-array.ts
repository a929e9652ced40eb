/**
 * A PostgreSQL array literal for one `?` parameter (`= any(?::uuid[])`). MikroORM inlines
 * parameters and would spread a JavaScript array into a list, so arrays travel as one literal.
 */
export function sqlArray(values: readonly string[]): string {
  return `{${values.map((value) => `"${value.replace(/["\\]/g, '\\$&')}"`).join(',')}}`;
}
