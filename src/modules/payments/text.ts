// Free text inside payment payloads: names, towns, messages. Each scheme has its own character
// set and its own limits, always counted in characters after normalisation, and no scheme takes
// a line break inside a field (the line-based formats would read it as the next field).

/**
 * - `unicode`: any printable character (UPI links percent-encode).
 * - `swiss`: the Latin subset of the Swiss IG QR-bill (Basic Latin, Latin-1 Supplement,
 *   Latin Extended-A, Ș ș Ț ț and €).
 * - `sepa`: the same Latin letters, and Greek and Cyrillic, for EPC QR codes. EPC069-12 encodes
 *   UTF-8; the SEPA character sets (EPC217-08) are Latin, with Greek and Cyrillic for the
 *   communities that write them (Greek and Bulgarian payees), and banks convert between them and
 *   the basic set themselves; other scripts and emoji they reject or mangle. Letters with
 *   diacritics outside the sets are transliterated ("ễ" → "e"); anything else is refused.
 * - `ascii`: printable ASCII, as EMV QR fields of format "ans" require (Pix); letters with
 *   diacritics are transliterated first ("São Paulo" → "Sao Paulo").
 */
export type Charset = 'unicode' | 'swiss' | 'sepa' | 'ascii';

/** How long a field may be and which characters it takes. */
export interface TextRule {
  max: number;
  charset: Charset;
}

/** The outcome of checking one text field. */
export type TextCheck = { ok: true; text: string } | { ok: false; reason: string };

// Control characters and line separators, the invisible direction marks, overrides and isolates,
// and the invisible breaks and blanks (soft hyphen, zero-width space, word joiner, BOM, the Braille
// and Hangul fillers; not the zero-width joiners some scripts and emoji need): names, addresses and references are shown to payers and
// copied into online banking, where an override can make `order-42` display as something else
// (Trojan Source).
const CONTROL = /[\u0000-\u001f\u007f-\u009f\u00ad\u061c\u200b\u200e\u200f\u2028\u2029\u202a-\u202e\u2060\u2066-\u2069\u2800\u3164\ufeff\uffa0]/;

/** The first control character, line separator or invisible direction mark in `text`, or null. */
export function controlCharIn(text: string): string | null {
  return CONTROL.exec(text)?.[0] ?? null;
}
const SWISS_ALLOWED = /^[\u0020-\u007e\u00a0-\u017f\u0218-\u021b\u20ac]*$/u;
const SWISS_BAD = /[^\u0020-\u007e\u00a0-\u017f\u0218-\u021b\u20ac]/u;
const SEPA_ALLOWED = /^[\u0020-\u007e\u00a0-\u017f\u0218-\u021b\u20ac\u0370-\u03ff\u0400-\u04ff]*$/u;
const SEPA_BAD = /[^\u0020-\u007e\u00a0-\u017f\u0218-\u021b\u20ac\u0370-\u03ff\u0400-\u04ff]/u;
const SEPA_BAD_ALL = /[^\u0020-\u007e\u00a0-\u017f\u0218-\u021b\u20ac\u0370-\u03ff\u0400-\u04ff]/gu;
const ASCII_BAD = /[^\u0020-\u007e]/u;
const SPECIAL_LETTERS: Record<string, string> = { ß: 'ss', æ: 'ae', Æ: 'AE', ø: 'o', Ø: 'O', œ: 'oe', Œ: 'OE', ł: 'l', Ł: 'L', đ: 'd', Đ: 'D', þ: 'th', Þ: 'Th', ð: 'd', Ð: 'D', ı: 'i' };

/** "São Paulo" → "Sao Paulo": strips diacritics and spells out letters that have no ASCII base. */
export function transliterate(text: string): string {
  return text
    .normalize('NFD')
    .replace(/\p{M}+/gu, '')
    .replace(/[ßæÆøØœŒłŁđĐþÞðÐı]/g, (ch) => SPECIAL_LETTERS[ch]!);
}

// Typographic punctuation that word processors put in names and messages, and its plain form:
// mapped rather than refused where a scheme's character set lacks it.
const TYPOGRAPHIC: Record<string, string> = { '\u2018': "'", '\u2019': "'", '\u201a': "'", '\u201c': '"', '\u201d': '"', '\u201e': '"', '\u2013': '-', '\u2014': '-', '\u2212': '-', '\u2026': '...' };
const TYPOGRAPHIC_CHARS = /[\u2018\u2019\u201a\u201c\u201d\u201e\u2013\u2014\u2212\u2026]/g;

// A character is named as it looks and, for a letter, by its script: "'а' (Cyrillic)" tells a
// pasted look-alike from the Latin letter it resembles, which the glyph alone does not. One that
// cannot be seen (a control, a direction mark, a filler) is named by its code point.
const SCRIPTS: ReadonlyArray<[RegExp, string]> = [
  [/\p{Script=Latin}/u, 'Latin'],
  [/\p{Script=Greek}/u, 'Greek'],
  [/\p{Script=Cyrillic}/u, 'Cyrillic'],
  [/\p{Script=Arabic}/u, 'Arabic'],
  [/\p{Script=Hebrew}/u, 'Hebrew'],
  [/\p{Script=Han}/u, 'Chinese character'],
  [/[\p{Script=Hiragana}\p{Script=Katakana}]/u, 'Japanese kana'],
  [/\p{Script=Hangul}/u, 'Korean'],
  [/\p{Script=Thai}/u, 'Thai'],
  [/\p{Script=Devanagari}/u, 'Devanagari'],
];
const INVISIBLE = /[\p{C}\p{Z}\p{Default_Ignorable_Code_Point}\u2800\u3164\uffa0]/u;
const describeChar = (ch: string): string => {
  const code = `U+${ch.codePointAt(0)!.toString(16).toUpperCase().padStart(4, '0')}`;
  if (INVISIBLE.test(ch)) return `an invisible character (${code})`;
  if (/\p{Extended_Pictographic}/u.test(ch)) return `'${ch}' (an emoji)`;
  const script = /\p{L}/u.test(ch) ? SCRIPTS.find(([pattern]) => pattern.test(ch))?.[1] : undefined;
  return script ? `'${ch}' (${script})` : `'${ch}'`;
};

/**
 * Validates a required text field; returns it trimmed and normalised: NFC, typographic quotes and
 * dashes made plain for every set but `unicode`, transliterated for `ascii`, and for `sepa` where
 * the Latin set lacks a letter.
 */
export function checkText(raw: unknown, rule: TextRule): TextCheck {
  if (typeof raw !== 'string') return { ok: false, reason: 'must be a string' };
  const control = controlCharIn(raw.trim());
  if (control) return { ok: false, reason: `must be a single line without control characters; found ${describeChar(control)}` };
  let text = raw.trim().replace(/\s+/g, ' ').normalize('NFC');
  if (rule.charset !== 'unicode') text = text.replace(TYPOGRAPHIC_CHARS, (ch) => TYPOGRAPHIC[ch]!);
  if (rule.charset === 'ascii') text = transliterate(text);
  // Only what the Latin set lacks is transliterated: "Müller" stays as the payee wrote it.
  if (rule.charset === 'sepa') text = text.replace(SEPA_BAD_ALL, (ch) => (SEPA_ALLOWED.test(transliterate(ch)) ? transliterate(ch) : ch)).trim();
  if (text === '') return { ok: false, reason: 'must not be empty' };
  if (rule.charset === 'swiss' && !SWISS_ALLOWED.test(text)) {
    return { ok: false, reason: `contains ${describeChar(SWISS_BAD.exec(text)![0])}, which the Swiss QR-bill character set (Latin letters, digits, common punctuation) does not include` };
  }
  if (rule.charset === 'sepa' && !SEPA_ALLOWED.test(text)) {
    return {
      ok: false,
      reason: `contains ${describeChar(SEPA_BAD.exec(text)![0])}, which SEPA transfers cannot carry: they take Latin, Greek and Cyrillic letters, digits and common punctuation`,
    };
  }
  if (rule.charset === 'ascii') {
    const bad = ASCII_BAD.exec(text);
    if (bad) return { ok: false, reason: `contains ${describeChar(bad[0])}; EMV QR codes carry plain ASCII letters, digits and punctuation only` };
  }
  const length = [...text].length;
  if (length > rule.max) return { ok: false, reason: `must be at most ${rule.max} characters; this one has ${length}` };
  return { ok: true, text };
}

/** Like {@link checkText}, but undefined, null and blank strings are accepted as "absent" (null). */
export function checkOptionalText(raw: unknown, rule: TextRule): { ok: true; text: string | null } | { ok: false; reason: string } {
  if (raw === undefined || raw === null || (typeof raw === 'string' && raw.trim() === '')) return { ok: true, text: null };
  return checkText(raw, rule);
}

/** Bytes of the UTF-8 encoding (what EPC's 331-byte ceiling counts). */
export function utf8Length(text: string): number {
  return Buffer.byteLength(text, 'utf8');
}
