import { BULK_PREVIEW_ROWS } from '../../../src/shared/admin-limits';
import type { BulkRow, RowProblem } from './csv-import';

/** Problems kept to show (the count says how many there are): a file of 50,000 bad rows needs fixing at its source. */
export const MAX_LISTED_PROBLEMS = 500;

/**
 * The validation pass over a CSV as it streams by, keeping what the checks need and not the rows:
 * each name once (duplicates, and the account check), which lines name each group, the preview,
 * and the first problems. About 100 bytes per row instead of a row object (~1 KB), so 50,000 rows
 * stay within a few MB; the run reads the file again when it starts.
 */
export class CsvValidation {
  rowCount = 0;
  problemCount = 0;
  readonly problems: RowProblem[] = [];
  readonly preview: BulkRow[] = [];
  /** Lower-cased user name (IAM names are unique regardless of case) → its first line and spelling. */
  readonly names = new Map<string, { line: number; userName: string }>();
  /** Group → the rows that name it (line and user), for "unknown group". */
  readonly groupRows = new Map<string, Array<{ line: number; userName: string }>>();

  /** One row: its own problems (from the row checks) and the cross-row ones found here. */
  add(row: BulkRow, rowProblems: readonly RowProblem[]): void {
    this.rowCount++;
    for (const p of rowProblems) this.problem(p);
    if (row.userName) {
      const key = row.userName.toLowerCase();
      const first = this.names.get(key);
      if (first) this.problem({ line: row.line, userName: row.userName, code: 'duplicateInFile', params: { firstLine: first.line } });
      else this.names.set(key, { line: row.line, userName: row.userName });
    }
    for (const g of row.groups) {
      const at = this.groupRows.get(g);
      if (at) at.push({ line: row.line, userName: row.userName });
      else this.groupRows.set(g, [{ line: row.line, userName: row.userName }]);
    }
    if (this.preview.length < BULK_PREVIEW_ROWS) this.preview.push(row);
  }

  /** Keeps the problems of the lowest lines (the file's come in line order, the account's after them). */
  problem(p: RowProblem): void {
    this.problemCount++;
    this.problems.push(p);
    if (this.problems.length >= 2 * MAX_LISTED_PROBLEMS) this.trim();
  }

  /** The problems to show, by line. */
  sorted(): RowProblem[] {
    this.trim();
    return [...this.problems];
  }

  private trim(): void {
    this.problems.sort((a, b) => a.line - b.line);
    this.problems.length = Math.min(this.problems.length, MAX_LISTED_PROBLEMS);
  }
}
