// Reading camt.053 statements and camt.054 notifications of several message versions into
// items, and refusing hostile or unsupported XML before it is parsed.

import { describe, it, expect } from 'vitest';
import { decodeXmlText, parseCamt, readSafeXml } from '../../../src/modules/payments/index.ts';
import type { StatementItem } from '../../../src/modules/payments/index.ts';
import { camtXml } from './camt-fixtures.ts';
import type { FixtureEntry } from './camt-fixtures.ts';

/** A day's bookings: single credits, a batch of three, a reversal, a foreign-currency credit, a debit, a pending entry. */
const ENTRIES: FixtureEntry[] = [
  { amount: '120.00', acctSvcrRef: 'BK-0001', txs: [{ amount: '120.00', reference: 'RF18 5390 0754 7034', debtor: 'Anna Keller', endToEndId: 'E2E-1' }] },
  { amount: '75.50', acctSvcrRef: 'BK-0002', bookingDate: '2026-11-21', txs: [{ ustrd: ['Rechnung 42, Ref. RF52 ORD2 0240 042'], debtor: 'Müller & Söhne' }] },
  {
    amount: '60.00',
    acctSvcrRef: 'BK-0003',
    ntryRef: 'BATCH-7',
    batchCount: 3,
    txs: [
      { amount: '10.00', acctSvcrRef: 'BK-0003-1', reference: '210000000003139471430009017', referenceType: 'QRR' },
      { amount: '20.00', acctSvcrRef: 'BK-0003-2', ustrd: ['txid PIXTXID0000000000000001'] },
      { amount: '30.00', acctSvcrRef: 'BK-0003-3' },
    ],
  },
  { amount: '120.00', direction: 'DBIT', reversal: true, acctSvcrRef: 'BK-0004', txs: [{ amount: '120.00', reference: 'RF18539007547034' }] },
  { amount: '99.00', currency: 'EUR', acctSvcrRef: 'BK-0005', txs: [{ amount: '99.00', instructed: { amount: '105.00', currency: 'USD' }, reference: 'RF18539007547034' }] },
  { amount: '15.00', direction: 'DBIT', acctSvcrRef: 'BK-0006', txs: [{ amount: '15.00', ustrd: ['Card fee'] }] },
  { amount: '42.00', status: 'PDNG', acctSvcrRef: 'BK-0007', txs: [{ amount: '42.00', reference: 'RF18539007547034' }] },
  { amount: '5.00', additionalInfo: 'SEPA Gutschrift RF18 5390 0754 7034' },
];

const fields = (i: StatementItem) => ({
  direction: i.direction,
  reversal: i.reversal,
  status: i.status,
  amount: i.amount?.minor ?? null,
  currency: i.amount?.currency ?? null,
  bookingDate: i.bookingDate,
  ref: i.accountServicerReference,
  batch: [i.transactionIndex, i.batchSize],
  candidates: i.candidates.map((c) => `${c.source}:${c.reference}`),
  debtor: i.debtorName,
});

describe('parseCamt', () => {
  it('normalises a camt.053.001.02 statement: one item per transaction, amounts in minor units', () => {
    const r = parseCamt(camtXml({ kind: '053', version: 2, reports: [ENTRIES] }));
    if (!r.ok) throw new Error(r.reason);
    expect(r.document).toMatchObject({ kind: 'camt.053', version: 2, messageId: 'MSG', statements: [{ id: 'MSG-1', account: { iban: 'DE89370400440532013000', currency: 'EUR' }, entries: 8 }] });
    const items = r.document.items.map(fields);
    expect(items).toHaveLength(10);
    expect(items[0]).toEqual({
      direction: 'credit',
      reversal: false,
      status: 'booked',
      amount: 12000,
      currency: 'EUR',
      bookingDate: '2026-11-20',
      ref: 'BK-0001',
      batch: [0, 1],
      candidates: ['structured:RF18539007547034'],
      debtor: 'Anna Keller',
    });
    // No transaction amount in an entry of one transaction: the entry's amount. RF typed with spaces in the text.
    expect(items[1]).toMatchObject({ amount: 7550, bookingDate: '2026-11-21', ref: 'BK-0002', debtor: 'Müller & Söhne' });
    expect(items[1]!.candidates[0]).toBe('text:RF52ORD20240042');
    // The batch: three transactions with their own amounts and references.
    expect(items.slice(2, 5).map((i) => [i.amount, i.ref, i.batch, i.candidates[0]])).toEqual([
      [1000, 'BK-0003-1', [0, 3], 'structured:210000000003139471430009017'],
      [2000, 'BK-0003-2', [1, 3], 'word:PIXTXID0000000000000001'],
      [3000, 'BK-0003-3', [2, 3], undefined],
    ]);
    expect(items[5]).toMatchObject({ direction: 'debit', reversal: true, amount: 12000 });
    expect(r.document.items[6]!.instructedAmount).toEqual({ minor: 10500, currency: 'USD', text: '105.00' });
    expect(items[7]).toMatchObject({ direction: 'debit', reversal: false });
    expect(items[8]).toMatchObject({ status: 'pending' });
    // Entry-level additional information is searched too when the bank gives no details.
    expect(items[9]).toMatchObject({ amount: 500, ref: null, candidates: ['text:RF18539007547034', 'word:GUTSCHRIFT'] });
  });

  it('reads every version from .02 to .13 of both messages the same way', () => {
    const reference = parseCamt(camtXml({ kind: '053', version: 2, reports: [ENTRIES] }));
    if (!reference.ok) throw new Error(reference.reason);
    for (const kind of ['053', '054'] as const) {
      for (let version = 2; version <= 13; version++) {
        const r = parseCamt(camtXml({ kind, version, reports: [ENTRIES] }));
        if (!r.ok) throw new Error(`${kind}.${version}: ${r.reason}`);
        expect(r.document.kind).toBe(`camt.${kind}`);
        expect(r.document.version).toBe(version);
        expect(r.document.items.map(fields), `${kind}.${version}`).toEqual(reference.document.items.map(fields));
      }
    }
  });

  it('gives a booking the same identity in a camt.054 notification and a camt.053 statement, and a distinct one per transaction', () => {
    const stmt = parseCamt(camtXml({ kind: '053', version: 4, messageId: 'STMT-1', reports: [ENTRIES] }));
    const ntf = parseCamt(camtXml({ kind: '054', version: 8, messageId: 'NTF-9', reports: [ENTRIES.slice(0, 3)] }));
    if (!stmt.ok || !ntf.ok) throw new Error('parse');
    expect(ntf.document.items.map((i) => i.id)).toEqual(stmt.document.items.slice(0, 5).map((i) => i.id));
    expect(new Set(stmt.document.items.map((i) => i.id)).size).toBe(stmt.document.items.length);
    expect(stmt.document.items[0]!.id).toMatch(/^[0-9a-f]{32}$/);
    // Without any bank reference, the position in the document decides: the same file agrees with itself only.
    const bare = (id: string) => camtXml({ kind: '054', version: 8, messageId: id, reports: [[{ amount: '5.00', txs: [{ amount: '5.00', reference: 'RF18539007547034' }] }]] });
    const a = parseCamt(bare('A'));
    const a2 = parseCamt(bare('A'));
    const b = parseCamt(bare('B'));
    if (!a.ok || !a2.ok || !b.ok) throw new Error('parse');
    expect(a.document.items[0]!.id).toBe(a2.document.items[0]!.id);
    expect(a.document.items[0]!.id).not.toBe(b.document.items[0]!.id);
  });

  it('reads several statements per document, and prefixed namespaces', () => {
    const r = parseCamt(camtXml({ kind: '053', version: 8, reports: [ENTRIES.slice(0, 2), ENTRIES.slice(2, 3)], prefixed: true }));
    if (!r.ok) throw new Error(r.reason);
    expect(r.document.statements.map((s) => [s.id, s.entries])).toEqual([
      ['MSG-1', 2],
      ['MSG-2', 1],
    ]);
    expect(r.document.items).toHaveLength(5);
  });

  it('keeps amounts it cannot read visible instead of guessing', () => {
    const r = parseCamt(
      camtXml({
        kind: '054',
        version: 8,
        reports: [
          [
            { amount: '1.234', acctSvcrRef: 'X1', txs: [{ amount: '1.234' }] },
            { amount: '3.00', currency: 'XAU', acctSvcrRef: 'X2', txs: [{ amount: '3.00', currency: 'XAU' }] },
            { amount: '60.00', acctSvcrRef: 'X3', batchCount: 3 },
          ],
        ],
      }),
    );
    if (!r.ok) throw new Error(r.reason);
    expect(r.document.items.map((i) => [i.amount?.minor ?? null, i.amount?.text ?? null, i.batchSize])).toEqual([
      [null, '1.234', 1],
      [null, '3.00', 1],
      [null, null, 3],
    ]);
  });
});

describe('refusing hostile and unsupported XML before parsing', () => {
  const good = camtXml({ kind: '053', version: 8, reports: [ENTRIES] });

  it('refuses elements nested past the parser bound as a bad file (well-formed, so the validator passes it)', () => {
    const deep = (n: number) => `<Document xmlns="urn:iso:std:iso:20022:tech:xsd:camt.053.001.08">${'<a>'.repeat(n)}${'</a>'.repeat(n)}</Document>`;
    expect(parseCamt(deep(5_000))).toMatchObject({ ok: false, reason: expect.stringContaining('more than 100 levels deep') });
    expect(parseCamt(deep(98))).toMatchObject({ ok: false, reason: expect.not.stringContaining('levels deep') });
  });

  it('refuses any document type declaration', () => {
    const withDtd = good.replace('<Document', '<!DOCTYPE Document SYSTEM "camt.053.001.08.dtd">\n<Document');
    expect(parseCamt(withDtd)).toEqual({ ok: false, reason: expect.stringContaining('document type declaration') });
  });

  it('refuses an entity-expansion attack (billion laughs) without expanding anything', () => {
    const lol = `<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;"><!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;"><!ENTITY lol9 "&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;">]>
<Document xmlns="urn:iso:std:iso:20022:tech:xsd:camt.053.001.08"><BkToCstmrStmt><GrpHdr><MsgId>&lol9;</MsgId></GrpHdr></BkToCstmrStmt></Document>`;
    const t0 = performance.now();
    expect(parseCamt(lol)).toMatchObject({ ok: false });
    expect(performance.now() - t0).toBeLessThan(1000);
    // An entity declaration smuggled in without a DOCTYPE is refused on its own account.
    expect(readSafeXml('<a><!ENTITY x "y"></a>')).toEqual({ ok: false, reason: expect.stringContaining('entity declaration') });
  });

  it('refuses external entities (file and network reads)', () => {
    const xxe =
      '<?xml version="1.0"?><!DOCTYPE d [<!ENTITY xxe SYSTEM "file:///etc/passwd">]><Document xmlns="urn:iso:std:iso:20022:tech:xsd:camt.054.001.08"><BkToCstmrDbtCdtNtfctn><GrpHdr><MsgId>&xxe;</MsgId></GrpHdr></BkToCstmrDbtCdtNtfctn></Document>';
    expect(parseCamt(xxe)).toMatchObject({ ok: false, reason: expect.stringContaining('DOCTYPE') });
  });

  it('bounds the input size', () => {
    expect(parseCamt(good, { maxBytes: 1000 })).toEqual({ ok: false, reason: expect.stringMatching(/^is [\d,]+ bytes; at most 1,000 are accepted/) });
    expect(parseCamt(good).ok).toBe(true);
  });

  it('says where malformed XML breaks, and what is not a camt.053/054 document', () => {
    expect(parseCamt(good.replace('</GrpHdr>', ''))).toMatchObject({ ok: false, reason: expect.stringMatching(/^is not well-formed XML: .*\(line \d+, column \d+\)$/) });
    expect(parseCamt('')).toEqual({ ok: false, reason: 'is empty' });
    expect(parseCamt(42)).toEqual({ ok: false, reason: 'must be XML text' });
    expect(parseCamt(good.replace('camt.053.001.08', 'pain.001.001.09'))).toMatchObject({ ok: false, reason: expect.stringContaining('is not an ISO 20022 camt.053 or camt.054 document') });
    expect(parseCamt(good.replace('camt.053.001.08', 'camt.052.001.08'))).toMatchObject({ ok: false, reason: expect.stringContaining('camt.052 intraday') });
    expect(parseCamt(good.replace('camt.053.001.08', 'camt.053.001.14'))).toMatchObject({ ok: false, reason: expect.stringContaining('is camt.053.001.14, a version not supported') });
    expect(parseCamt(good.replace(/BkToCstmrStmt/g, 'BkToCstmrAcctRpt'))).toMatchObject({ ok: false, reason: expect.stringContaining('<BkToCstmrStmt>') });
  });

  it('decodes the predefined entities and character references once, never twice', () => {
    expect(decodeXmlText('M&#252;ller &amp; S&#xF6;hne &lt;AG&gt; &quot;x&quot; &apos;y&apos;')).toBe('Müller & Söhne <AG> "x" \'y\'');
    expect(decodeXmlText('&amp;#38; &amp;amp;')).toBe('&#38; &amp;');
    expect(decodeXmlText('&#0; &#xD800; &unknown;')).toBe('&#0; &#xD800; &unknown;');
    const r = parseCamt(camtXml({ kind: '054', version: 8, reports: [[{ amount: '1.00', acctSvcrRef: 'E', txs: [{ amount: '1.00', debtor: 'A & B', ustrd: ['R&#228;chnig'] }] }]] }));
    expect(r.ok && [r.document.items[0]!.debtorName, r.document.items[0]!.unstructured[0]]).toEqual(['A & B', 'R&#228;chnig']);
  });
});
