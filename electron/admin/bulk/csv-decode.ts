import iconv from 'iconv-lite';
import { createReadStream } from 'node:fs';
import { CSV_CHUNK_BYTES } from './csv-records';
import { open } from 'node:fs/promises';
import { AppError } from '../../../src/shared/errors/app-error';

/**
 * Which text encoding a users CSV is in, and its text as a stream of decoded chunks. Kept apart
 * from the CSV rules (csv-import.ts) so reading stays streamed: nothing here holds the whole file.
 *
 * What the tools people have write (Excel on Korean and Western Windows, LibreOffice, Google Sheets):
 * - UTF-8, with a BOM ("CSV UTF-8") or without (Google Sheets, LibreOffice's default);
 * - UTF-16LE with a BOM, tab-separated (Excel's "Unicode text"); UTF-16BE with a BOM (rare, accepted);
 * - CP949/EUC-KR (Excel's plain "CSV" on Korean Windows), Windows-1252 (the same on Western Windows).
 * UTF-8 and UTF-16 go through `TextDecoder` (fatal: a bad byte is an error). The two Windows code
 * pages go through iconv-lite: Node's ICU-backed `TextDecoder` is not WHATWG-conformant for them
 * (found with the corpus: it reads CP949's extended syllables such as 똠 as a C1 control plus a
 * letter, and Windows-1252's 0x80–0x9F (€ “ ”) as C1 controls, without an error).
 */
export const CSV_ENCODINGS = ['utf-8', 'utf-16le', 'utf-16be', 'euc-kr', 'windows-1252'] as const;
export type CsvEncoding = (typeof CSV_ENCODINGS)[number];

/** The names people know the encodings by (Excel's own labels where it has them). */
export const ENCODING_LABEL: Record<CsvEncoding, string> = {
  'utf-8': 'UTF-8',
  'utf-16le': 'UTF-16LE',
  'utf-16be': 'UTF-16BE',
  'euc-kr': 'EUC-KR (CP949)',
  'windows-1252': 'Windows-1252',
};

const SNIFF_BYTES = 4096;

/** Workbooks, by their first bytes: the admin chose the .xlsx instead of the CSV saved from it. */
const WORKBOOKS: Array<[number[], string]> = [
  [[0x50, 0x4b, 0x03, 0x04], 'xlsx'], // zip: .xlsx (and .ods, .numbers)
  [[0xd0, 0xcf, 0x11, 0xe0], 'xls'], // OLE2: Excel 97-2003
];

export interface Sniffed {
  encoding: CsvEncoding;
  /** A BOM or a UTF-16 pattern decided it; otherwise UTF-8 is a first guess (see `classifyEightBit`). */
  certain: boolean;
}

/** The first look: a BOM, a known binary format, UTF-16 without a BOM, or an 8-bit text to try as UTF-8. */
export async function sniffCsvEncoding(path: string): Promise<Sniffed> {
  const file = await open(path, 'r');
  const head = Buffer.alloc(SNIFF_BYTES);
  const { bytesRead } = await file.read(head, 0, head.length, 0).finally(() => file.close());
  const b = head.subarray(0, bytesRead);
  for (const [magic, format] of WORKBOOKS) if (magic.every((v, i) => b[i] === v)) throw new AppError('adminBulk.spreadsheetFile', { format });
  if (b[0] === 0xef && b[1] === 0xbb && b[2] === 0xbf) return { encoding: 'utf-8', certain: true };
  if (b[0] === 0xff && b[1] === 0xfe) {
    if (b[2] === 0 && b[3] === 0) throw new AppError('adminBulk.unsupportedEncoding', { encoding: 'UTF-32LE' });
    return { encoding: 'utf-16le', certain: true };
  }
  if (b[0] === 0xfe && b[1] === 0xff) return { encoding: 'utf-16be', certain: true };
  if (b[0] === 0 && b[1] === 0 && b[2] === 0xfe && b[3] === 0xff) throw new AppError('adminBulk.unsupportedEncoding', { encoding: 'UTF-32BE' });
  const nulAt = b.indexOf(0);
  if (nulAt < 0) return { encoding: 'utf-8', certain: false };
  // UTF-16 without a BOM: ASCII-heavy text has a NUL in every other byte, on one side only.
  const pairs = Math.floor(b.length / 2);
  let evenNul = 0;
  let oddNul = 0;
  for (let i = 0; i < pairs * 2; i += 2) {
    if (b[i] === 0) evenNul++;
    if (b[i + 1] === 0) oddNul++;
  }
  if (oddNul > pairs * 0.3 && evenNul === 0) return { encoding: 'utf-16le', certain: true };
  if (evenNul > pairs * 0.3 && oddNul === 0) return { encoding: 'utf-16be', certain: true };
  throw new AppError('adminBulk.binaryFile');
}

/**
 * Not UTF-8: CP949 (Korean Excel) or Windows-1252 (Western Excel)? One streamed pass over the
 * bytes. Both accept most byte strings, so we look at the shape: Hangul in CP949 is a lead byte
 * 0xB0–0xC8 followed by a trail 0xA1–0xFE (KS X 1001); Latin text in Windows-1252 has single high
 * bytes between ASCII letters ("Jos\xE9", "\xC5sa"), which CP949 either rejects or reads as one of
 * its rare extended syllables (trail byte < 0xA1). More extended than common pairs: Windows-1252.
 * Control bytes (other than tab, CR, LF) mean it is not text at all.
 */
export async function classifyEightBit(path: string): Promise<'euc-kr' | 'windows-1252'> {
  let lead = 0; // pending CP949 lead byte
  let cp949Valid = true;
  let commonPairs = 0;
  let extendedPairs = 0;
  let cp1252Valid = true;
  for await (const chunk of createReadStream(path, { highWaterMark: 64 * 1024 }) as AsyncIterable<Buffer>) {
    for (const byte of chunk) {
      if (byte < 0x20 ? byte !== 0x09 && byte !== 0x0a && byte !== 0x0d : byte === 0x7f) {
        throw new AppError('adminBulk.binaryFile');
      }
      if (byte === 0x81 || byte === 0x8d || byte === 0x8f || byte === 0x90 || byte === 0x9d) cp1252Valid = false;
      if (lead) {
        const validTrail = lead <= 0xc6 ? (byte >= 0x41 && byte <= 0x5a) || (byte >= 0x61 && byte <= 0x7a) || (byte >= 0x81 && byte <= 0xfe) : byte >= 0xa1 && byte <= 0xfe;
        if (!validTrail) cp949Valid = false;
        else if (byte >= 0xa1) commonPairs++;
        else extendedPairs++;
        lead = 0;
      } else if (byte >= 0x81 && byte <= 0xfe) lead = byte;
      else if (byte >= 0x80) cp949Valid = false;
    }
  }
  if (lead) cp949Valid = false;
  if (cp949Valid && (commonPairs >= extendedPairs || !cp1252Valid)) return 'euc-kr';
  if (cp1252Valid) return 'windows-1252';
  throw new AppError('adminBulk.unknownEncoding');
}

/** The file is not valid text in `encoding`: the caller tries another, or tells the admin. */
export class NotDecodable extends Error {
  constructor(
    readonly encoding: CsvEncoding,
    /** 1-based line of the first byte that does not decode. */
    readonly line: number,
  ) {
    super(`not ${encoding}`);
  }
}

/** Control characters no CSV of names, emails, groups and tags contains (tab, CR and LF are fine). */
const CONTROL = /[^\P{Cc}\t\n\r]/u;

/**
 * The file's text, decoded chunk by chunk (CSV_CHUNK_BYTES at a time: see csv-records.ts). Throws NotDecodable at the
 * first invalid byte sequence, and `adminBulk.binaryFile` at a control character.
 */
export async function* decodeCsvText(path: string, encoding: CsvEncoding): AsyncGenerator<string> {
  const decoder = streamingDecoder(encoding);
  const source = createReadStream(path, { highWaterMark: CSV_CHUNK_BYTES });
  let line = 1;
  try {
    for await (const chunk of source as AsyncIterable<Buffer>) {
      let text: string;
      try {
        text = decoder.decode(chunk, { stream: true });
      } catch {
        throw new NotDecodable(encoding, line + linesBeforeBadByte(chunk, encoding));
      }
      checkText(text);
      line += countNewlines(text);
      yield text;
    }
    let rest: string;
    try {
      rest = decoder.decode();
    } catch {
      throw new NotDecodable(encoding, line);
    }
    if (rest) {
      checkText(rest);
      yield rest;
    }
  } finally {
    source.destroy();
  }
}

function checkText(text: string): void {
  if (CONTROL.test(text)) throw new AppError('adminBulk.binaryFile');
}

function countNewlines(text: string): number {
  let n = 0;
  for (let i = text.indexOf('\n'); i >= 0; i = text.indexOf('\n', i + 1)) n++;
  return n;
}

interface ChunkDecoder {
  decode(chunk?: Buffer, options?: { stream: boolean }): string;
}

/** A decoder that throws on bytes the encoding does not define (iconv-lite marks them with U+FFFD). */
function streamingDecoder(encoding: CsvEncoding): ChunkDecoder {
  if (encoding === 'utf-8' || encoding === 'utf-16le' || encoding === 'utf-16be') return new TextDecoder(encoding, { fatal: true, ignoreBOM: false });
  const legacy = iconv.getDecoder(encoding === 'euc-kr' ? 'cp949' : 'windows-1252');
  return {
    decode(chunk, options) {
      const text = chunk ? legacy.write(chunk) : '';
      const out = options?.stream ? text : text + (legacy.end() ?? '');
      if (out.includes('\uFFFD')) throw new TypeError(`not ${encoding}`);
      return out;
    },
  };
}

/**
 * Newlines in this chunk before its first undecodable sequence, found again with a lenient decoder
 * (U+FFFD marks it). A UTF-8 character split across chunks decoded fine: its tail bytes are skipped.
 */
function linesBeforeBadByte(chunk: Buffer, encoding: CsvEncoding): number {
  let start = 0;
  if (encoding === 'utf-8') while (start < 3 && (chunk[start]! & 0xc0) === 0x80) start++;
  const lenient = encoding === 'euc-kr' || encoding === 'windows-1252' ? iconv.decode(chunk.subarray(start), encoding === 'euc-kr' ? 'cp949' : 'windows-1252') : new TextDecoder(encoding, { ignoreBOM: true }).decode(chunk.subarray(start));
  const bad = lenient.indexOf('\uFFFD');
  return countNewlines(bad < 0 ? lenient : lenient.slice(0, bad));
}
