// The small markdown and text helpers every section of the matrix shares. Everything here is deterministic:
// the same input gives the same bytes, which the staleness test of docs/permissions.md relies on.

/** Wraps text in backticks: names of roles, permissions and coordinates read as code in the matrix. */
export function code(text: string): string {
  return `\`${text}\``;
}

/** A cell's text made safe for one table row: newlines become spaces, pipes are escaped. */
function cell(text: string): string {
  return text.replace(/\r?\n/g, ' ').replace(/\|/g, '\\|');
}

/** A markdown table, header first; cells are escaped so prose from the policy cannot break the layout. */
export function table(header: readonly string[], rows: readonly (readonly string[])[]): string {
  const line = (cells: readonly string[]) => `| ${cells.map(cell).join(' | ')} |`;
  return [line(header), line(header.map(() => '---')), ...rows.map(line)].join('\n');
}

/** Compares strings by code point, not locale: the order of generated rows must not depend on the machine. */
export function byCodePoint(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** The distinct values, in first-seen order: sections follow the policy's order, not a sorted one. */
export function unique<T>(values: readonly T[]): T[] {
  return [...new Set(values)];
}

/** The text with its first letter upper-cased, to start a sentence with a resource type. */
export function capitalize(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}
