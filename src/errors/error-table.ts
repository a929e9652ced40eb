import { errorCatalog, refusalReasons } from './error-catalog.js';

/** A markdown table: a header row, then one row per entry (a `|` in a cell is escaped). */
function table(header: readonly string[], rows: readonly (readonly string[])[]): string {
  const line = (cells: readonly string[]) => `| ${cells.map((cell) => cell.replaceAll('|', '\\|')).join(' | ')} |`;
  return [line(header), line(header.map(() => '---')), ...rows.map(line)].join('\n');
}

/**
 * The clients' error tables, rendered from the catalog: every code with its HTTP statuses, then
 * every refusal reason with the code it comes with. docs/frontend.md holds them between
 * `errorTableStart` and `errorTableEnd` (`npm run docs:errors` rewrites them; a test fails while they differ).
 */
export function renderErrorTable(): string {
  const codes = table(
    ['code', 'HTTP', 'when'],
    Object.entries(errorCatalog).map(([code, { status, description }]) => [`\`${code}\``, status.join(' / '), description]),
  );
  const reasons = table(
    ['reason', 'code', 'when'],
    Object.entries(refusalReasons).map(([reason, { code, description }]) => [`\`${reason}\``, `\`${code}\``, description]),
  );
  return `${codes}\n\nA refusal the client can act on says why in \`extensions.reason\`, with the code it implies:\n\n${reasons}\n`;
}

/** The markers around the rendered tables in docs/frontend.md. */
export const errorTableStart = '<!-- error table: generated from src/errors/error-catalog.ts by `npm run docs:errors` -->';
export const errorTableEnd = '<!-- end of error table -->';

/** Where the tables sit in a document: from just after the start marker's line to the end marker. */
function tableRange(markdown: string): [number, number] {
  const start = markdown.indexOf(errorTableStart);
  const end = markdown.indexOf(errorTableEnd);
  if (start < 0 || end < start) throw new Error(`The document has no "${errorTableStart}" ... "${errorTableEnd}" markers.`);
  return [start + errorTableStart.length + 1, end];
}

/** A document with the text between its error-table markers replaced by `tables`. */
export function withErrorTable(markdown: string, tables: string): string {
  const [from, to] = tableRange(markdown);
  return markdown.slice(0, from) + tables + markdown.slice(to);
}

/** The text between a document's error-table markers. */
export function errorTableOf(markdown: string): string {
  const [from, to] = tableRange(markdown);
  return markdown.slice(from, to);
}
