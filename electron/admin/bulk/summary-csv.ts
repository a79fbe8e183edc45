/**
 * Writes CSV that is safe to open in a spreadsheet: every cell is quoted, and a cell that a
 * spreadsheet would run as a formula (starting with = + - @, tab or carriage return) is prefixed
 * with a single quote (OWASP "CSV injection"). `=1+2` is a legal IAM user name, so this matters.
 */
export function csvCell(value: string | number | boolean | null | undefined): string {
  let text = value === null || value === undefined ? '' : String(value);
  if (/^[=+\-@\t\r]/.test(text)) text = `'${text}`;
  return `"${text.replace(/"/g, '""')}"`;
}

export function csvLine(cells: ReadonlyArray<string | number | boolean | null | undefined>): string {
  return cells.map(csvCell).join(',') + '\r\n';
}

/** UTF-8 with a BOM, so Excel (Korean Windows included) opens Hangul correctly. */
export function csvDocument(header: readonly string[], rows: ReadonlyArray<ReadonlyArray<string | number | boolean | null | undefined>>): string {
  return '\ufeff' + csvLine(header) + rows.map(csvLine).join('');
}
