// Finding payment references in a bank entry's remittance information. The structured creditor
// reference (Strd/CdtrRefInf/Ref) is the reliable source; when the payer's bank dropped it, the
// reference may survive in the unstructured text (Ustrd), typed by a person with spaces, so the
// text is searched for RF references and 27-digit QR references that pass their check digits,
// and, last, split into words that may be a Pix txid or UPI tr.

import { checkQrReference, checkRf, MIN_UNCHECKED_REFERENCE, normalizeReference, RF_MAX_BODY } from './creditor-reference.ts';

/** Where a candidate reference was found; earlier sources win. */
export type ReferenceSource = 'structured' | 'text' | 'word';

/** One possible payment reference, normalised (letters and digits, upper case). */
export interface ReferenceCandidate {
  reference: string;
  source: ReferenceSource;
}

/** Longest word tried as an unchecked reference (a UPI tr has at most 35 characters). */
const MAX_WORD = 35;

/** RF references in free text, written with or without spaces ("RF18 5390 0754 7034"); longest valid reading first. */
export function findRfReferences(text: string): string[] {
  const found: string[] = [];
  for (const m of text.matchAll(/(?<![A-Za-z0-9])RF\d\d/gi)) {
    // The groups that follow, as typed: try the longest run of them that passes the check.
    const rest = text.slice(m.index + 4);
    const groups = /^\s?[A-Za-z0-9]+(?:\s[A-Za-z0-9]+)*/.exec(rest)?.[0].trim().split(/\s/) ?? [];
    for (let n = groups.length; n >= 1; n--) {
      const body = groups.slice(0, n).join('');
      if (body.length > RF_MAX_BODY) continue;
      const check = checkRf(m[0] + body);
      if (check.ok) {
        found.push(check.reference);
        break;
      }
    }
  }
  return found;
}

/** Swiss QR references in free text: 27 digits, possibly in groups ("21 00000 00003 13947 14300 09017"), with a valid check digit. */
export function findQrReferences(text: string): string[] {
  const found: string[] = [];
  for (const m of text.matchAll(/\d+(?: \d+)*/g)) {
    const groups = m[0].split(' ');
    // Any run of consecutive groups adding up to 27 digits may be the reference.
    for (let i = 0; i < groups.length; i++) {
      let digits = '';
      for (let j = i; j < groups.length && digits.length < 27; j++) {
        digits += groups[j];
        if (digits.length === 27 && checkQrReference(digits).ok) found.push(digits);
      }
    }
  }
  return found;
}

/** Every candidate reference of an entry, in the order matching should try them, without repeats. */
export function referenceCandidates(structured: readonly string[], unstructured: readonly string[]): ReferenceCandidate[] {
  const out: ReferenceCandidate[] = [];
  const seen = new Set<string>();
  const add = (reference: string, source: ReferenceSource): void => {
    if (reference === '' || seen.has(reference)) return;
    seen.add(reference);
    out.push({ reference, source });
  };
  for (const ref of structured) add(normalizeReference(ref), 'structured');
  const text = unstructured.join(' ');
  if (text.trim() === '') return out;
  for (const ref of findRfReferences(text)) add(ref, 'text');
  for (const ref of findQrReferences(text)) add(ref, 'text');
  for (const word of text.split(/[\s,;:/()[\]{}"'<>]+/)) {
    const ref = normalizeReference(word);
    if (ref.length >= MIN_UNCHECKED_REFERENCE && ref.length <= MAX_WORD) add(ref, 'word');
  }
  return out;
}
