import { describe, expect, it } from 'vitest';
import { csvCell, csvRow } from '../../src/csv.ts';
import { parseCsv } from '../helpers/csv.ts';

describe('CSV cells', () => {
  it('leaves plain values alone and quotes commas, quotes and line breaks (RFC 4180)', () => {
    expect(csvCell('Safari')).toBe('Safari');
    expect(csvCell(null)).toBe('');
    expect(csvCell(42)).toBe('42');
    expect(csvCell('a,b')).toBe('"a,b"');
    expect(csvCell('say "hi"')).toBe('"say ""hi"""');
    expect(csvCell('two\nlines')).toBe('"two\nlines"');
  });

  it.each(["=cmd|' /C calc'!A0", '+1+1', '-2+3', '@SUM(A1:A2)', '\t=1', '\r=1', '=HYPERLINK("http://evil.example","x")'])(
    'neutralises the formula %j: the cell starts with an apostrophe and reads back as text',
    (hostile) => {
      const cell = csvCell(hostile);
      expect(cell.startsWith('"\'')).toBe(true);
      expect(parseCsv(`${cell}\r\n`)).toEqual([[`'${hostile}`]]);
    },
  );

  it('numbers and booleans we wrote stay as they are, even negative; text that looks negative is guarded', () => {
    expect(csvCell(-5)).toBe('-5');
    expect(csvCell(true)).toBe('true');
    expect(csvCell(undefined)).toBe('');
    expect(csvCell('-5')).toBe(`"'-5"`);
  });

  it('quotes text with leading or trailing spaces, so readers that trim unquoted cells keep them', () => {
    expect(csvCell(' padded ')).toBe('" padded "');
    expect(csvCell('inner space')).toBe('inner space');
    expect(parseCsv(csvRow([' a', 'b ']))).toEqual([[' a', 'b ']]);
  });

  it('a form answer with a formula and quotes comes out as the export writes it', () => {
    expect(csvCell('=HYPERLINK("http://evil","x")')).toBe(`"'=HYPERLINK(""http://evil"",""x"")"`);
    expect(csvRow(['a', 1, null, false])).toBe('a,1,,false\r\n');
  });

  it('a row round-trips through a CSV parser', () => {
    const values = ['x', 'a,b', 'q"q', '=1+1', 'line\r\nbreak', ''];
    expect(parseCsv(csvRow(values))).toEqual([['x', 'a,b', 'q"q', "'=1+1", 'line\r\nbreak', '']]);
  });
});
