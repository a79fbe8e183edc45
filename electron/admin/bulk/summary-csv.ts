/**
 * Writes CSV that is safe to open in a spreadsheet: every cell is quoted, and a cell that a
 * spreadsheet would run as a formula (starting with = + - @, tab or carriage return) is prefixed
 * with a single quote (OWASP "CSV injection"). `=1+2` is a legal IAM user name, so this matters.
 */
export function csvCell(value: string | number | boolean | null | undefined, exact = false): string {
  let text = value === null || value === undefined ? '' : String(value);
  // `exact` is for values that must survive byte for byte (a password in the password sheet).
  if (!exact && /^[=+\-@\t\r]/.test(text)) text = `'${text}`;
  return `"${text.replace(/"/g, '""')}"`;
}

export function csvLine(cells: ReadonlyArray<string | number | boolean | null | undefined>, exactColumns: readonly number[] = []): string {
  return cells.map((c, i) => csvCell(c, exactColumns.includes(i))).join(',') + '\r\n';
}

/** UTF-8 with a BOM, so Excel (Korean Windows included) opens Hangul correctly. */
export function csvDocument(
  header: readonly string[],
  rows: ReadonlyArray<ReadonlyArray<string | number | boolean | null | undefined>>,
  exactColumns: readonly number[] = [],
): string {
  return '\ufeff' + csvLine(header) + rows.map((r) => csvLine(r, exactColumns)).join('');
}
