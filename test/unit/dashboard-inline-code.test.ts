// Event descriptions from the API mark field names with Markdown backticks; the dashboard shows
// those spans as <code> and everything else as text (React escapes it: no HTML from the API).
import { describe, expect, it } from 'vitest';
import { inlineCodeParts } from '../../web/src/lib/inline-code.ts';

describe('inline code spans', () => {
  it('splits at backtick pairs', () => {
    expect(inlineCodeParts('ends `<b>x</b>`')).toEqual([
      { code: false, text: 'ends ' },
      { code: true, text: '<b>x</b>' },
    ]);
    expect(inlineCodeParts('the previous key stops working at `previous.expires_at` (null: at once).')).toEqual([
      { code: false, text: 'the previous key stops working at ' },
      { code: true, text: 'previous.expires_at' },
      { code: false, text: ' (null: at once).' },
    ]);
    expect(inlineCodeParts('`a` and `b`')).toEqual([
      { code: true, text: 'a' },
      { code: false, text: ' and ' },
      { code: true, text: 'b' },
    ]);
    expect(inlineCodeParts('no code here')).toEqual([{ code: false, text: 'no code here' }]);
    expect(inlineCodeParts('an unpaired ` stays')).toEqual([{ code: false, text: 'an unpaired ` stays' }]);
    expect(inlineCodeParts('')).toEqual([]);
  });
});
