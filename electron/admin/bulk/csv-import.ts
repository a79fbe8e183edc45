import { parse } from 'csv-parse';
import { createReadStream } from 'node:fs';
import { open, stat } from 'node:fs/promises';
import { AppError } from '../../../src/shared/errors/app-error';
import { checkTag, checkUserName } from '../../../src/shared/iam-names/iam-names';
import { CsvValidation } from './csv-validate';

/** One user to provision, as read from the CSV. */
export interface BulkRow {
  /** 1-based line of the record in the file (header is line 1). */
  line: number;
  userName: string;
  email: string | null;
  groups: string[];
  tags: Record<string, string>;
}

export type RowProblemCode =
  | 'userName.required'
  | 'userName.tooLong'
  | 'userName.invalidCharacters'
  | 'duplicateInFile'
  | 'email.invalid'
  | 'tag.invalid'
  | 'tooManyTags'
  | 'columnCount'
  | 'tooManyGroups'
  | 'groupName.invalid'
  | 'alreadyExists'
  | 'unknownGroup';

export interface RowProblem {
  line: number;
  userName: string;
  code: RowProblemCode;
  params?: Record<string, string | number>;
}

export interface CsvImport {
  /** Every row, only when asked for (`keepRows`): checking a file keeps none. */
  rows: BulkRow[];
  /** Problems by line (the first MAX_LISTED_PROBLEMS; `validation.problemCount` counts all). */
  problems: RowProblem[];
  validation: CsvValidation;
  encoding: 'utf-8' | 'euc-kr';
  delimiter: ',' | ';';
}

export const CSV_MAX_BYTES = 20 * 1024 * 1024;
const MAX_COLUMNS = 64;
const MAX_TAGS = 50;
/** An AWS limit: a user belongs to at most 10 groups. */
const MAX_GROUPS = 10;
const GROUP_NAME = /^[\w+=,.@-]{1,128}$/;

/** Header names we accept, in English and Korean, normalised (lower case, no spaces/underscores). */
const HEADERS: Record<string, 'userName' | 'email' | 'groups' | 'tags'> = {
  username: 'userName', user: 'userName', name: 'userName', 사용자: 'userName', 사용자이름: 'userName', 사용자명: 'userName', 아이디: 'userName',
  email: 'email', mail: 'email', 이메일: 'email', 메일: 'email',
  groups: 'groups', group: 'groups', 그룹: 'groups',
  tags: 'tags', tag: 'tags', 태그: 'tags',
};

const normaliseHeader = (h: string) => h.trim().toLowerCase().replace(/[\s_-]+/g, '');
const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

/**
 * Reads a CSV of new users as a stream (a 5,000-row file is never held as one string):
 * UTF-8 with or without BOM — or, when the bytes are not UTF-8, the Korean Windows encoding
 * (EUC-KR/CP949) that Excel writes by default in Korea; comma or semicolon, detected from the
 * header. Every row is checked; all problems are returned at once, nothing is created here.
 */
export async function importUsersCsv(path: string, opts: { keepRows?: boolean } = {}): Promise<CsvImport> {
  const info = await stat(path).catch(() => {
    throw new AppError('adminBulk.fileUnreadable');
  });
  if (info.size === 0) throw new AppError('adminBulk.emptyFile');
  if (info.size > CSV_MAX_BYTES) throw new AppError('adminBulk.fileTooLarge', { maxMb: CSV_MAX_BYTES / 1024 / 1024 });
  try {
    return await parseFile(path, 'utf-8', opts.keepRows ?? true);
  } catch (error) {
    if (error instanceof NotUtf8) return parseFile(path, 'euc-kr', opts.keepRows ?? true);
    throw error;
  }
}

class NotUtf8 extends Error {}

async function parseFile(path: string, encoding: 'utf-8' | 'euc-kr', keepRows: boolean): Promise<CsvImport> {
  const decoder = new TextDecoder(encoding, { fatal: true, ignoreBOM: false });
  const source = createReadStream(path, { highWaterMark: 64 * 1024 });
  const delimiter = await detectDelimiter(path);
  let columns: Array<'userName' | 'email' | 'groups' | 'tags' | null> | null = null;
  const rows: BulkRow[] = [];
  const validation = new CsvValidation();

  const parser = parse({
    delimiter,
    relax_column_count: true,
    skip_empty_lines: true,
    trim: true,
    relax_quotes: true,
    max_record_size: 64 * 1024,
    info: true,
  });

  const feed = (async () => {
    try {
      for await (const chunk of source) {
        const text = decoder.decode(chunk as Buffer, { stream: true });
        if (text.includes('\u0000')) throw new AppError('adminBulk.binaryFile');
        if (parser.destroyed) break;
        if (!parser.write(text)) {
          await new Promise<void>((r) => {
            // Both listeners go once either fires (they piled up on a long file).
            const done = () => {
              parser.off('drain', done);
              parser.off('close', done);
              r();
            };
            parser.once('drain', done);
            parser.once('close', done);
          });
        }
      }
      const rest = decoder.decode();
      if (parser.destroyed) return;
      if (rest) parser.write(rest);
      parser.end();
    } catch (error) {
      parser.destroy(error instanceof TypeError ? new NotUtf8() : (error as Error));
    }
  })();

  try {
    for await (const record of parser as AsyncIterable<{ record: string[]; info: { lines: number } }>) {
      const { record: cells, info } = record;
      if (!columns) {
        if (cells.length > MAX_COLUMNS) throw new AppError('adminBulk.tooManyColumns', { max: MAX_COLUMNS, found: cells.length });
        columns = cells.map((h) => HEADERS[normaliseHeader(h)] ?? null);
        if (!columns.includes('userName')) throw new AppError('adminBulk.noUserNameColumn');
        continue;
      }
      const row = toRow(cells, columns, info.lines);
      const extra: RowProblem[] =
        cells.length > columns.length ? [{ line: info.lines, userName: row.userName, code: 'columnCount', params: { expected: columns.length, found: cells.length } }] : [];
      validation.add(row, [...extra, ...checkRow(row)]);
      if (keepRows) rows.push(row);
    }
  } catch (error) {
    if (error instanceof NotUtf8 || error instanceof AppError) throw error;
    const code = (error as { code?: string }).code;
    if (code === 'CSV_MAX_RECORD_SIZE') throw new AppError('adminBulk.rowTooLong');
    throw new AppError('adminBulk.malformedCsv', { detail: String((error as Error).message ?? '').slice(0, 120) });
  } finally {
    source.destroy();
    parser.destroy();
    await feed;
  }
  if (!columns) throw new AppError('adminBulk.emptyFile');
  if (validation.rowCount === 0) throw new AppError('adminBulk.noRows');
  return { rows, problems: validation.sorted(), validation, encoding, delimiter };
}

/** The header decides: whichever of ',' and ';' appears more often in the first line (both are ASCII in every encoding we read). */
async function detectDelimiter(path: string): Promise<',' | ';'> {
  const file = await open(path, 'r');
  const head = Buffer.alloc(8192);
  const { bytesRead } = await file.read(head, 0, head.length, 0).finally(() => file.close());
  const firstLine = head.subarray(0, bytesRead).toString('latin1').split(/\r?\n/, 1)[0] ?? '';
  return (firstLine.match(/;/g)?.length ?? 0) > (firstLine.match(/,/g)?.length ?? 0) ? ';' : ',';
}

/** Groups and tags inside one cell are separated by '|' (or spaces for groups): 'dev|ops', 'team=platform|cost=42'. */
function toRow(cells: string[], columns: ReadonlyArray<string | null>, line: number): BulkRow {
  const get = (name: string) => {
    const i = columns.indexOf(name);
    return i >= 0 ? (cells[i] ?? '').trim() : '';
  };
  const tags: Record<string, string> = {};
  for (const pair of get('tags').split('|').map((p) => p.trim()).filter(Boolean)) {
    const eq = pair.indexOf('=');
    tags[(eq >= 0 ? pair.slice(0, eq) : pair).trim()] = eq >= 0 ? pair.slice(eq + 1).trim() : '';
  }
  const email = get('email');
  if (email) tags.email = email;
  return {
    line,
    userName: get('userName'),
    email: email || null,
    groups: [...new Set(get('groups').split(/[|\s]+/).map((g) => g.trim()).filter(Boolean))],
    tags,
  };
}

function checkRow(row: BulkRow): RowProblem[] {
  const problems: RowProblem[] = checkUserName(row.userName).map((issue) => ({
    line: row.line,
    userName: row.userName,
    code: `userName.${issue.rule}` as RowProblemCode,
    ...(issue.params ? { params: flatten(issue.params) } : {}),
  }));
  if (row.email && !EMAIL.test(row.email)) problems.push({ line: row.line, userName: row.userName, code: 'email.invalid', params: { email: row.email.slice(0, 80) } });
  if (row.groups.length > MAX_GROUPS) problems.push({ line: row.line, userName: row.userName, code: 'tooManyGroups', params: { max: MAX_GROUPS, found: row.groups.length } });
  for (const g of row.groups) {
    if (!GROUP_NAME.test(g)) problems.push({ line: row.line, userName: row.userName, code: 'groupName.invalid', params: { group: g.slice(0, 80) } });
  }
  if (Object.keys(row.tags).length > MAX_TAGS) problems.push({ line: row.line, userName: row.userName, code: 'tooManyTags', params: { max: MAX_TAGS } });
  for (const [k, v] of Object.entries(row.tags)) {
    const issues = checkTag(k, v);
    if (issues.length > 0) problems.push({ line: row.line, userName: row.userName, code: 'tag.invalid', params: { key: k.slice(0, 40), rule: issues[0]!.rule } });
  }
  return problems;
}

const flatten = (p: Record<string, unknown>): Record<string, string | number> =>
  Object.fromEntries(Object.entries(p).map(([k, v]) => [k, typeof v === 'number' ? v : String(v)]));
