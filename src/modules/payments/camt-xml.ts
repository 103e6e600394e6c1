// Reading untrusted bank-statement XML safely. A camt file never needs a document type
// declaration, and DTDs are where XML's dangerous features live (entity expansion — the
// "billion laughs" — and external entities that read files or reach the network), so any
// DOCTYPE or ENTITY declaration is refused before a parser sees the text. fast-xml-parser then
// runs with entity processing off; the five predefined entities and numeric character
// references are decoded here in one pass, so "&amp;#38;" cannot turn into a second reference.

import { XMLParser, XMLValidator } from 'fast-xml-parser';

/** Largest statement accepted by default: a 10,000-entry camt.054 is ~15 MB. */
export const MAX_STATEMENT_BYTES = 32 * 1024 * 1024;

/** A parsed element: attributes as `@_Name`, text as `#text` when the element also has attributes. */
export type XmlNode = Record<string, unknown>;

/** The outcome of reading an XML document. */
export type XmlRead = { ok: true; rootName: string; root: XmlNode; namespaces: string[] } | { ok: false; reason: string };

const PREDEFINED: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" };

/** Decodes the predefined entities and numeric character references in one pass. */
export function decodeXmlText(text: string): string {
  if (!text.includes('&')) return text;
  return text.replace(/&(#x[0-9a-fA-F]{1,6}|#\d{1,7}|amp|lt|gt|quot|apos);/g, (whole, ref: string) => {
    if (ref[0] !== '#') return PREDEFINED[ref]!;
    const code = ref[1] === 'x' ? parseInt(ref.slice(2), 16) : Number(ref.slice(1));
    return code > 0 && code <= 0x10ffff && !(code >= 0xd800 && code <= 0xdfff) ? String.fromCodePoint(code) : whole;
  });
}

/** Names of the elements that may repeat in camt documents: always read as arrays. */
const REPEATING = new Set(['Stmt', 'Ntfctn', 'Rpt', 'Ntry', 'NtryDtls', 'TxDtls', 'Ustrd', 'Strd', 'Bal', 'CdtrRefInf']);

/** Deepest element nesting read: a camt document nests about 10 levels. */
const MAX_DEPTH = 100;

const parser = new XMLParser({
  ignoreAttributes: false,
  attributeNamePrefix: '@_',
  removeNSPrefix: true,
  parseTagValue: false,
  parseAttributeValue: false,
  processEntities: false,
  trimValues: true,
  ignoreDeclaration: true,
  ignorePiTags: true,
  // Callbacks get a matcher instead of a freshly built path string per element: a third less CPU on large files.
  jPath: false,
  // camt nests about 10 levels; the bound is stated here so the refusal below can name it.
  maxNestedTags: MAX_DEPTH,
  isArray: (name) => REPEATING.has(name),
  tagValueProcessor: (_name, value) => decodeXmlText(value),
  attributeValueProcessor: (_name, value) => decodeXmlText(value),
});

/** Reads an XML document after the safety checks; returns the root element's name, content and declared namespaces. */
export function readSafeXml(xml: unknown, maxBytes: number = MAX_STATEMENT_BYTES): XmlRead {
  if (typeof xml !== 'string') return { ok: false, reason: 'must be XML text' };
  const size = Buffer.byteLength(xml, 'utf8');
  if (size > maxBytes) return { ok: false, reason: `is ${size.toLocaleString('en-US')} bytes; at most ${maxBytes.toLocaleString('en-US')} are accepted: split the export by date range` };
  const text = xml.replace(/^\uFEFF/, '');
  if (text.trim() === '') return { ok: false, reason: 'is empty' };
  if (/<!DOCTYPE/i.test(text))
    return {
      ok: false,
      reason: 'contains a document type declaration (<!DOCTYPE …>); bank statements never need one, and it is refused because DTDs enable entity-expansion and external-entity attacks',
    };
  if (/<!ENTITY/i.test(text)) return { ok: false, reason: 'contains an entity declaration (<!ENTITY …>), which is refused: bank statements never declare entities' };
  const valid = XMLValidator.validate(text);
  if (valid !== true) return { ok: false, reason: `is not well-formed XML: ${valid.err.msg} (line ${valid.err.line}, column ${valid.err.col})` };
  let parsed: XmlNode;
  try {
    parsed = parser.parse(text) as XmlNode;
  } catch (error) {
    // The validator passes some documents the parser refuses (nesting past its bound): still the file's fault, not ours.
    const message = error instanceof Error ? error.message : String(error);
    return {
      ok: false,
      reason: /nested/i.test(message)
        ? `nests elements more than ${MAX_DEPTH} levels deep; a camt.053 or camt.054 file nests about 10, so this is not a bank statement`
        : `could not be read as XML (${message})`,
    };
  }
  const rootName = Object.keys(parsed).find((k) => !k.startsWith('?') && !k.startsWith('#'));
  if (!rootName) return { ok: false, reason: 'has no root element' };
  const root = parsed[rootName];
  // The root's namespaces, default or prefixed (removeNSPrefix drops xmlns attributes from the tree).
  const rootTag = new RegExp(`<(?:[\\w.-]+:)?${rootName}\\b[^>]*>`).exec(text)?.[0] ?? '';
  const namespaces = [...rootTag.matchAll(/\bxmlns(?::[\w.-]+)?\s*=\s*["']([^"']+)["']/g)].map((m) => m[1]!);
  return { ok: true, rootName, root: typeof root === 'object' && root !== null ? (root as XmlNode) : {}, namespaces };
}
