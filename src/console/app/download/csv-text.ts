/**
 * Rows as CSV (RFC 4180): fields separated by commas, lines ended by CRLF; a field holding a
 * comma, a quote or a line break is quoted, its quotes doubled.
 *
 * Note: a field starting with `=`, `+`, `-`, `@`, a tab or a carriage return gets a leading `'`,
 * so a spreadsheet opening the file reads it as text, not as a formula (names are chosen by users:
 * "CSV injection"). No login can start so; a name rarely does.
 */
export function csvText(rows: ReadonlyArray<readonly string[]>): string {
  return rows.map((row) => `${row.map(csvField).join(',')}\r\n`).join('');
}

function csvField(value: string): string {
  const text = /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
  return /[",\r\n]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}
