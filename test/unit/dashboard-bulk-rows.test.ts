// The bulk page reads pasted lines and CSV rows the way the single campaign form reads its field:
// a bare host name ("example.com/b") gets https:// in front before the server checks it, with the
// same helper (withScheme); anything else reaches the server as typed, to be refused with a reason.
import { describe, expect, it } from 'vitest';
import { commaRows, duplicateRows, pastedRows, rowsFromCsv, rowsFromText } from '../../web/src/bulk/parse-rows.ts';

describe('bulk rows', () => {
  it('prefixes bare host lines, skips blank ones and keeps the rest as typed', () => {
    const long = `https://example.com/${'x'.repeat(3000)}`;
    const text = ['https://example.com/a', 'example.com/b', 'not a url', 'javascript:alert(1)', '   ', 'https://example.com/a', long].join('\n');
    expect(rowsFromText(text)).toEqual([
      { url: 'https://example.com/a', name: '', source: 'line 1' },
      { url: 'https://example.com/b', name: '', source: 'line 2' },
      { url: 'not a url', name: '', source: 'line 3' },
      { url: 'javascript:alert(1)', name: '', source: 'line 4' },
      { url: 'https://example.com/a', name: '', source: 'line 6' },
      { url: long, name: '', source: 'line 7' },
    ]);
  });

  it('reads two columns copied from a spreadsheet as link and name, and a pasted CSV by its header', () => {
    expect(rowsFromText('https://example.com/a\tLunch menu\nexample.com/b\t  Bar \t extra\nhttps://example.com/c,not-a-name\n')).toEqual([
      { url: 'https://example.com/a', name: 'Lunch menu', source: 'line 1' },
      { url: 'https://example.com/b', name: 'Bar', source: 'line 2' },
      // A comma can be part of a link, so without a header it stays in it (the server judges the link).
      { url: 'https://example.com/c,not-a-name', name: '', source: 'line 3', comma: true },
    ]);
    expect(rowsFromText('Name;URL\nMenu;example.com/menu\n"Shop; north";https://shop.example/\n')).toEqual([
      { url: 'https://example.com/menu', name: 'Menu', source: 'row 2' },
      { url: 'https://shop.example/', name: 'Shop; north', source: 'row 3' },
    ]);
    expect(rowsFromText('url\tname\nhttps://example.com/a\tA\n')).toEqual([{ url: 'https://example.com/a', name: 'A', source: 'row 2' }]);
    // A link whose path merely contains "url" is not a header.
    expect(rowsFromText('https://example.com/url\n')).toEqual([{ url: 'https://example.com/url', name: '', source: 'line 1' }]);
    // A broken paste is a problem to show while typing, never a throw that takes the page down.
    expect(pastedRows('url,name\n"https://example.com/a,A\n')).toEqual({ rows: [], problem: expect.stringMatching(/unclosed quote/) });
    expect(pastedRows('example.com/a\tA')).toEqual({ rows: [{ url: 'https://example.com/a', name: 'A', source: 'line 1' }], problem: null });
  });

  it('splits a typed link,name line at the last comma before its first space, and marks every line with a comma', () => {
    // A link cannot hold a space, so these lines cannot be one link (they drew "must not contain spaces" on every row).
    const rows = rowsFromText(
      'https://example.com/La, 東京店 本店\nexample.com/b,Bar north\nhttps://a.example/s?q=a,b, Lunch menu\nhttps://a.example/x, Menu\nhttps://example.com/c,東京店\nhttps://example.com/plain\nhttps://example.com/d\tName, with comma\n',
    );
    expect(rows).toEqual([
      { url: 'https://example.com/La', name: '東京店 本店', source: 'line 1', comma: true },
      { url: 'https://example.com/b', name: 'Bar north', source: 'line 2', comma: true },
      { url: 'https://a.example/s?q=a,b', name: 'Lunch menu', source: 'line 3', comma: true },
      { url: 'https://a.example/x', name: 'Menu', source: 'line 4', comma: true },
      // Without a space the comma may be the link's own: one link, for the person to check.
      { url: 'https://example.com/c,東京店', name: '', source: 'line 5', comma: true },
      { url: 'https://example.com/plain', name: '', source: 'line 6' },
      { url: 'https://example.com/d', name: 'Name, with comma', source: 'line 7' },
    ]);
    expect(commaRows(rows).map((row) => row.source)).toEqual(['line 1', 'line 2', 'line 3', 'line 4', 'line 5']);
    // A CSV with a header says what its commas are.
    expect(commaRows(rowsFromText('url,name\nhttps://example.com/c,Menu\n'))).toEqual([]);
  });

  it('prefixes bare hosts in a CSV url column too', () => {
    expect(rowsFromCsv('name,url\nMenu,example.com/menu\nShop, https://shop.example/ \n')).toEqual([
      { url: 'https://example.com/menu', name: 'Menu', source: 'row 2' },
      { url: 'https://shop.example/', name: 'Shop', source: 'row 3' },
    ]);
  });

  it('finds rows that repeat an earlier link, as the server will store it', () => {
    const rows = rowsFromText(
      [
        'https://example.com/ticket/1',
        'https://example.com/ticket/2',
        'example.com/ticket/1',
        'not a link',
        'HTTPS://EXAMPLE.com/ticket/2',
        'not a link',
        'https://example.com/ticket/1',
        'https://example.com/Ticket/1',
      ].join('\n'),
    );
    // Each repeat names the first row with that link; a different path (case matters there) is another link.
    expect(duplicateRows(rows)).toEqual([
      { index: 2, first: 0 },
      { index: 4, first: 1 },
      { index: 5, first: 3 },
      { index: 6, first: 0 },
    ]);
    expect(duplicateRows(rowsFromText('https://a.example/\nhttps://b.example/'))).toEqual([]);
    // CSV rows without a link are refused by the server, not repeats of each other.
    expect(duplicateRows(rowsFromCsv('name,url\nA,\nB,\n'))).toEqual([]);
  });
});
