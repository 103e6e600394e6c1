// EMV QR (Merchant-Presented Mode) data objects: ID (2 digits), length (2 digits), value; and the
// CRC the last object (ID 63) carries: CRC-16/CCITT-FALSE (polynomial 0x1021, initial 0xFFFF)
// over the whole payload up to and including "6304", as four upper-case hex digits.

/** One data object; throws if the value cannot be carried (over 99 characters or non-ASCII). */
export function tlv(id: string, value: string): string {
  if (!/^\d\d$/.test(id)) throw new RangeError(`EMV data object id must be two digits; got '${id}'`);
  if (value.length === 0 || value.length > 99) throw new RangeError(`EMV data object ${id} must hold 1–99 characters; got ${value.length}`);
  return `${id}${String(value.length).padStart(2, '0')}${value}`;
}

/** CRC-16/CCITT-FALSE of the UTF-8 bytes of `text`, as four upper-case hex digits. */
export function crc16CcittFalse(text: string): string {
  let crc = 0xffff;
  for (const byte of new TextEncoder().encode(text)) {
    crc ^= byte << 8;
    for (let bit = 0; bit < 8; bit++) crc = crc & 0x8000 ? ((crc << 1) ^ 0x1021) & 0xffff : (crc << 1) & 0xffff;
  }
  return crc.toString(16).toUpperCase().padStart(4, '0');
}

/** Appends the CRC object: payload + "6304" + CRC over both. */
export function withCrc(payload: string): string {
  const head = `${payload}6304`;
  return head + crc16CcittFalse(head);
}

/** Splits a TLV string into its objects (for tests and for reading codes back); throws on a malformed string. */
export function parseTlv(text: string): Map<string, string> {
  const out = new Map<string, string>();
  let i = 0;
  while (i < text.length) {
    const id = text.slice(i, i + 2);
    const len = Number(text.slice(i + 2, i + 4));
    if (!/^\d\d$/.test(id) || !/^\d\d$/.test(text.slice(i + 2, i + 4)) || i + 4 + len > text.length) throw new RangeError(`malformed EMV data object at position ${i}`);
    out.set(id, text.slice(i + 4, i + 4 + len));
    i += 4 + len;
  }
  return out;
}
