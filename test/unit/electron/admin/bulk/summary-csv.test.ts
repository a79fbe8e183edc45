import { describe, expect, it } from 'vitest';
import { csvCell, csvDocument } from '../../../../../electron/admin/bulk/summary-csv';

describe('summary CSV', () => {
  it('neutralises formula injection', () => {
    expect(csvCell('=HYPERLINK("http://evil","x")')).toBe(`"'=HYPERLINK(""http://evil"",""x"")"`);
    for (const s of ['=1+2', '+1', '-1', '@SUM(A1)', '\tx', '\rx']) expect(csvCell(s).startsWith(`"'`)).toBe(true);
    expect(csvCell('jdoe')).toBe('"jdoe"');
    expect(csvCell(null)).toBe('""');
  });

  it('writes a BOM and CRLF lines so spreadsheets read Korean text', () => {
    expect(csvDocument(['user', 'status'], [['김', 'done']])).toBe('\ufeff"user","status"\r\n"김","done"\r\n');
  });
});
