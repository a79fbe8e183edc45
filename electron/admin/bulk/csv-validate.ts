import { BULK_PREVIEW_ROWS } from '../../../src/shared/admin-limits';
import type { BulkRow, RowProblem } from './csv-import';

type Cell = { column?: number; columnName?: string };

/** Problems kept to show (the count says how many there are): a file of 50,000 bad rows needs fixing at its source. */
export const MAX_LISTED_PROBLEMS = 500;

/**
 * The validation pass over a CSV as it streams by, keeping what the checks need and not the rows:
 * each name once with its line (duplicates, and the account check), per group a count and the
 * first rows, the preview, and the first problems. Tens of bytes per row instead of a row object
 * (~1 KB); the run reads the file again when it starts.
 */
export class CsvValidation {
  rowCount = 0;
  problemCount = 0;
  readonly problems: RowProblem[] = [];
  readonly preview: BulkRow[] = [];
  /** Lower-cased user name (IAM names are unique regardless of case) → its first line; a number, not an object, per row. */
  private readonly lines = new Map<string, number>();
  /** The spelling of the few names that are not all lower case. */
  private readonly spelled = new Map<string, string>();
  /** Where the user name, groups and account are in the file, so problems found across rows (or by the account) point at their cell. */
  cells: { userName?: Cell; groups?: Cell; account?: Cell } = {};
  /** Group → how many rows name it, the first rows (as many as can be listed) and the account cells they name. */
  readonly groupRows = new Map<string, { count: number; first: Array<{ line: number; userName: string; account: string | null }>; accounts: Set<string | null> }>();
  /** With an `account` column: each user's account cell (by lower-cased name), and each cell's rows. */
  private readonly accountOf = new Map<string, string>();
  readonly accountRows = new Map<string, { count: number; first: Array<{ line: number; userName: string }> }>();

  /** One row: its own problems (from the row checks) and the cross-row ones found here. */
  add(row: BulkRow, rowProblems: readonly RowProblem[]): void {
    this.rowCount++;
    for (const p of rowProblems) this.problem(p);
    if (row.userName) {
      const key = row.userName.toLowerCase();
      const first = this.lines.get(key);
      if (first !== undefined) this.problem({ line: row.line, userName: row.userName, code: 'duplicateInFile', params: { firstLine: first } });
      else {
        this.lines.set(key, row.line);
        if (key !== row.userName) this.spelled.set(key, row.userName);
        if (row.account) this.accountOf.set(key, row.account);
      }
    }
    if (row.account) {
      let at = this.accountRows.get(row.account);
      if (!at) this.accountRows.set(row.account, (at = { count: 0, first: [] }));
      at.count++;
      if (at.first.length < MAX_LISTED_PROBLEMS) at.first.push({ line: row.line, userName: row.userName });
    }
    for (const g of row.groups) {
      let at = this.groupRows.get(g);
      if (!at) this.groupRows.set(g, (at = { count: 0, first: [], accounts: new Set() }));
      at.count++;
      at.accounts.add(row.account);
      if (at.first.length < MAX_LISTED_PROBLEMS) at.first.push({ line: row.line, userName: row.userName, account: row.account });
    }
    if (this.preview.length < BULK_PREVIEW_ROWS) this.preview.push(row);
  }

  /** Each distinct user name once, as first written, with its line and its account cell. */
  *names(): IterableIterator<{ line: number; userName: string; account: string | null }> {
    for (const [key, line] of this.lines) yield { line, userName: this.spelled.get(key) ?? key, account: this.accountOf.get(key) ?? null };
  }

  get nameCount(): number {
    return this.lines.size;
  }

  /** Keeps the problems of the lowest lines (the file's come in line order, the account's after them). */
  problem(p: RowProblem): void {
    this.problemCount++;
    const cell =
      p.column !== undefined ? undefined
      : p.code === 'unknownGroup' ? this.cells.groups
      : p.code === 'alreadyExists' || p.code === 'duplicateInFile' ? this.cells.userName
      : p.code.startsWith('account.') ? this.cells.account
      : undefined;
    this.problems.push(cell ? { ...p, ...cell } : p);
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
