// ISO 7064 MOD 97-10, the check behind IBANs (ISO 13616) and creditor references (ISO 11649):
// the text is read as one large number, letters counting A=10 … Z=35, and reduced mod 97 digit
// by digit so no big integers are needed.

/** The remainder mod 97 of `text` ([0-9A-Z] only) read as a number with A=10 … Z=35. */
export function mod97(text: string): number {
  let r = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    r = c <= 57 ? (r * 10 + (c - 48)) % 97 : (r * 100 + (c - 55)) % 97;
  }
  return r;
}

/** The two check digits that make `body + prefix + digits` ≡ 1 (mod 97), as both IBAN and RF place them. */
export function mod97CheckDigits(body: string, prefix: string): string {
  return String(98 - mod97(`${body}${prefix}00`)).padStart(2, '0');
}
