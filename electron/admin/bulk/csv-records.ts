import { Parser, type Options } from 'csv-parse';

/**
 * How much of the file is read (and parsed) at once. Every record of a chunk is parsed before the
 * first is checked, and while they wait V8 sees them survive and promotes them: 64 KB chunks
 * (~600 rows) grew the young generation to its maximum on a 50,000-row file; 4 KB keep the
 * records in flight few (bench/csv.bench.ts). Reading 5 MB in 4 KB pieces costs nothing measurable.
 */
export const CSV_CHUNK_BYTES = 4 * 1024;

/** A record with the line where it ends (what csv-parse's `info.lines` says) and the empty lines skipped so far. */
export interface CsvRecord {
  record: string[];
  info: { lines: number; empty_lines: number };
}

/**
 * csv-parse with each record's line numbers, without its `info: true` option: that option builds
 * two objects per record by spreading the parser's counters and options, and on a large file V8
 * ends up allocating them straight in the old generation — ~20 MB of garbage on 50,000 rows
 * before the first full collection. Here the same two counters are read from the parser's live
 * `info` (csv-parse documents it on the parser) as each record is pushed, which is the moment the
 * option would have copied them.
 */
class CsvRecordParser extends Parser {
  override push(chunk: unknown, encoding?: BufferEncoding): boolean {
    if (chunk === null) return super.push(chunk, encoding);
    const { lines, empty_lines } = this.info;
    const out: CsvRecord = { record: chunk as string[], info: { lines, empty_lines } };
    return super.push(out, encoding);
  }
}

/** A streaming parser whose records are `CsvRecord`s. */
export const csvRecordParser = (options: Omit<Options, 'info' | 'raw' | 'objname' | 'columns'>): Parser => new CsvRecordParser(options);
