import { stat } from 'node:fs/promises';
import { basename } from 'node:path';
import { AppError } from '../../../src/shared/errors/app-error';
import { classifyEightBit, decodeCsvText, ENCODING_LABEL, NotDecodable, sniffCsvEncoding, type CsvEncoding } from './csv-decode';
import { csvRecordParser, type CsvRecord } from './csv-records';
import { checkRowCells, type Field, type RowLayout } from './csv-row';
import { CsvValidation } from './csv-validate';

/** One user to provision, as read from the CSV. */
export interface BulkRow {
  /** 1-based line where the record starts in the file (header is line 1). */
  line: number;
  userName: string;
  email: string | null;
  groups: string[];
  tags: Record<string, string>;
  /** The optional `account` cell (an account id or name of the organization); null: the account in use. */
  account: string | null;
}

export interface RowProblem {
  line: number;
  userName: string;
  /** A key of adminBulk:problems (e.g. 'tag.valueInvalidCharacters'). */
  code: string;
  /** The cell: 1-based column number and its header as written in the file. */
  column?: number;
  columnName?: string;
  params?: Record<string, string | number>;
}

export type CsvDelimiter = ',' | ';' | '\t';

export interface CsvImport {
  /** Every row, only when asked for (`keepRows`): checking a file keeps none. */
  rows: BulkRow[];
  /** Problems by line (the first MAX_LISTED_PROBLEMS; `validation.problemCount` counts all). */
  problems: RowProblem[];
  validation: CsvValidation;
  encoding: CsvEncoding;
  delimiter: CsvDelimiter;
}

export const CSV_MAX_BYTES = 20 * 1024 * 1024;
const MAX_COLUMNS = 64;
const MAX_RECORD_BYTES = 64 * 1024;

/** Header names we accept, in English and Korean, normalised (lower case, no spaces/underscores). */
const HEADERS: Record<string, Field> = {
  username: 'userName', user: 'userName', name: 'userName', 사용자: 'userName', 사용자이름: 'userName', 사용자명: 'userName', 아이디: 'userName',
  email: 'email', mail: 'email', 이메일: 'email', 메일: 'email',
  groups: 'groups', group: 'groups', 그룹: 'groups',
  tags: 'tags', tag: 'tags', 태그: 'tags',
  account: 'account', accountid: 'account', accountname: 'account', 계정: 'account', 계정id: 'account', 계정이름: 'account', 계정명: 'account',
};

const normaliseHeader = (h: string) => h.trim().toLowerCase().replace(/[\s_-]+/g, '');

/**
 * Reads a CSV of new users as a stream (a 5,000-row file is never held as one string): the
 * encoding from csv-decode.ts, comma, semicolon or tab from the header line. Every row is
 * checked; all problems are returned at once, nothing is created here. Every failure is an
 * AppError the admin can act on — never csv-parse's own text, never `internal`.
 */
export async function importUsersCsv(path: string, opts: { keepRows?: boolean } = {}): Promise<CsvImport> {
  try {
    return await importChecked(path, opts.keepRows ?? true);
  } catch (error) {
    throw asImportError(error, path);
  }
}

async function importChecked(path: string, keepRows: boolean): Promise<CsvImport> {
  const info = await stat(path);
  if (!info.isFile()) throw new AppError('adminBulk.notAFile', { fileName: basename(path) });
  if (info.size === 0) throw new AppError('adminBulk.emptyFile');
  if (info.size > CSV_MAX_BYTES) throw new AppError('adminBulk.fileTooLarge', { maxMb: CSV_MAX_BYTES / 1024 / 1024 });
  const sniffed = await sniffCsvEncoding(path);
  try {
    return await parseFile(path, sniffed.encoding, keepRows);
  } catch (error) {
    if (!(error instanceof NotDecodable)) throw error;
    // A BOM (or UTF-16's shape) named the encoding, and the bytes break it: say so.
    if (sniffed.certain) throw undecodable(error);
  }
  // Not UTF-8: Korean or Western Windows Excel's plain "CSV".
  try {
    return await parseFile(path, await classifyEightBit(path), keepRows);
  } catch (error) {
    throw error instanceof NotDecodable ? undecodable(error) : error;
  }
}

const undecodable = (e: NotDecodable) => new AppError('adminBulk.undecodable', { encoding: ENCODING_LABEL[e.encoding], line: e.line });

/** Errors from the file system, by what the admin can do about them. */
function asImportError(error: unknown, path: string): unknown {
  if (error instanceof AppError || error instanceof NotDecodable) return error instanceof NotDecodable ? undecodable(error) : error;
  const code = (error as { code?: unknown } | null)?.code;
  if (code === 'EISDIR') return new AppError('adminBulk.notAFile', { fileName: basename(path) });
  if (code === 'EACCES' || code === 'EPERM') return new AppError('adminBulk.fileNoPermission', { fileName: basename(path) });
  return new AppError('adminBulk.fileUnreadable', { fileName: basename(path) }, { cause: error });
}

async function parseFile(path: string, encoding: CsvEncoding, keepRows: boolean): Promise<CsvImport> {
  const text = decodeCsvText(path, encoding);
  // The header decides the delimiter: read until its line ends (the first chunk, in practice).
  let head = '';
  while (!head.includes('\n') && head.length < MAX_RECORD_BYTES) {
    const next = await text.next();
    if (next.done) break;
    head += next.value;
  }
  const delimiter = detectDelimiter(head);
  let layout: RowLayout | null = null;
  const rows: BulkRow[] = [];
  const validation = new CsvValidation();
  // Where the last record ended, to tell where the next one (or an unclosed quote) starts.
  let lastEnd = 0;
  let lastEmpty = 0;

  const parser = csvRecordParser({
    delimiter,
    relax_column_count: true,
    skip_empty_lines: true,
    trim: true,
    relax_quotes: true,
    max_record_size: MAX_RECORD_BYTES,
  });

  const feed = (async () => {
    try {
      const write = async (chunk: string) => {
        if (parser.write(chunk)) return;
        await new Promise((r) => {
          parser.once('drain', r);
          parser.once('close', r);
        });
      };
      if (head) await write(head);
      for await (const chunk of { [Symbol.asyncIterator]: () => text }) {
        if (parser.destroyed) break;
        await write(chunk);
      }
      if (!parser.destroyed) parser.end();
    } catch (error) {
      parser.destroy(error as Error);
    } finally {
      await text.return(undefined);
    }
  })();

  try {
    for await (const { record: cells, info } of parser as AsyncIterable<CsvRecord>) {
      const line = lastEnd + 1 + (info.empty_lines - lastEmpty);
      lastEnd = info.lines;
      lastEmpty = info.empty_lines;
      if (!layout) {
        layout = readHeader(cells, delimiter);
        validation.cells = { userName: layout.cellOf('userName'), groups: layout.cellOf('groups'), account: layout.cellOf('account') };
        continue;
      }
      const { row, problems: found } = checkRowCells(cells, layout, line);
      validation.add(row, found);
      if (keepRows) rows.push(row);
    }
  } catch (error) {
    throw parseError(error, layout, lastEnd, lastEmpty);
  } finally {
    parser.destroy();
    await feed;
  }
  if (!layout) throw new AppError('adminBulk.emptyFile');
  if (validation.rowCount === 0) throw new AppError('adminBulk.noRows');
  return { rows, problems: validation.sorted(), validation, encoding, delimiter };
}

function readHeader(cells: string[], delimiter: CsvDelimiter): RowLayout {
  if (cells.length > MAX_COLUMNS) throw new AppError('adminBulk.tooManyColumns', { max: MAX_COLUMNS, found: cells.length });
  const fields = cells.map((h) => HEADERS[normaliseHeader(h)] ?? null);
  if (!fields.includes('userName')) {
    throw new AppError('adminBulk.noUserNameColumn', {
      found: cells.slice(0, 6).map((c) => `'${c.slice(0, 40)}'`).join(', ') + (cells.length > 6 ? ', …' : ''),
      count: cells.length,
    });
  }
  return {
    fields,
    names: cells,
    delimiter,
    cellOf(field: Field) {
      const i = fields.indexOf(field);
      return i < 0 ? {} : { column: i + 1, columnName: cells[i]! };
    },
  };
}

/** csv-parse's errors, by code, as messages naming the line and cell (its own English text never reaches the screen). */
function parseError(error: unknown, layout: RowLayout | null, lastEnd: number, lastEmpty: number): unknown {
  if (error instanceof AppError || error instanceof NotDecodable) return error;
  const e = error as { code?: string; index?: number; empty_lines?: number; lines?: number };
  // The failing record starts after the last good one (and any empty lines csv-parse skipped).
  const line = lastEnd + 1 + Math.max(0, (e.empty_lines ?? lastEmpty) - lastEmpty);
  const index = typeof e.index === 'number' ? e.index : 0;
  const cell = { column: index + 1, columnName: layout?.names[index] ?? '' };
  switch (e.code) {
    case 'CSV_QUOTE_NOT_CLOSED':
      return new AppError('adminBulk.unclosedQuote', { line, ...cell });
    case 'CSV_MAX_RECORD_SIZE':
      return new AppError('adminBulk.rowTooLong', { line, maxKb: MAX_RECORD_BYTES / 1024 });
    case 'CSV_INVALID_CLOSING_QUOTE':
    case 'CSV_NON_TRIMABLE_CHAR_AFTER_CLOSING_QUOTE':
      return new AppError('adminBulk.textAfterQuote', { line: e.lines ?? line, ...cell });
    default:
      return new AppError('adminBulk.malformedCsv', { line: e.lines ?? line }, { cause: error });
  }
}

/**
 * The header line decides: whichever of comma, semicolon and tab appears most often outside
 * quotes (ties: comma). Excel's "Unicode text" is tab-separated; European Excel writes semicolons.
 */
export function detectDelimiter(head: string): CsvDelimiter {
  const counts = { ',': 0, ';': 0, '\t': 0 };
  let quoted = false;
  for (const ch of head) {
    if (ch === '"') quoted = !quoted;
    else if (!quoted && (ch === '\n' || ch === '\r')) break;
    else if (!quoted && ch in counts) counts[ch as CsvDelimiter]++;
  }
  const best = (Object.entries(counts) as Array<[CsvDelimiter, number]>).reduce((a, b) => (b[1] > a[1] ? b : a));
  return best[1] > 0 ? best[0] : ',';
}
