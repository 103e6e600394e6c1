// Bank reconciliation benchmark: `npm run bench:reconcile`. The pure matching step phase 2 runs
// after reading a statement: 10,000 statement items against 100,000 pending payments (goal:
// well under 2 s). The baseline, measured in the same process, is the least any matcher must do:
// build a plain Map over the same 100,000 payments and look each item's first reference up in it.
// Reading the 10,000-entry camt.054 file (XML safety checks + parse + normalise) is shown too.

import { newCreditorReference, parseCamt, reconcile, referenceCandidates } from '../src/modules/payments/index.ts';
import type { MatchablePayment, StatementItem } from '../src/modules/payments/index.ts';

const PAYMENTS = 100_000;
const ITEMS = 10_000;
const ROUNDS = 7;

// Seeded, so runs compare.
let s = 20261120;
const rnd = (): number => (s = (Math.imul(s, 1664525) + 1013904223) >>> 0) / 2 ** 32;
const pick =
  (alphabet: string) =>
  (n: number): string =>
    Array.from({ length: n }, () => alphabet[Math.floor(rnd() * alphabet.length)]).join('');
const random = (n: number, alphabet: string): string => pick(alphabet)(n);

const kinds = ['rf', 'qr', 'pix_txid', 'upi_tr'] as const;
const payments: MatchablePayment[] = Array.from({ length: PAYMENTS }, (_, i) => ({
  id: `pay_${i}`,
  reference: newCreditorReference(kinds[i % 4]!, { random }),
  amountMinor: 100 + Math.floor(rnd() * 100_000),
  currency: 'EUR',
  status: 'pending',
}));

/** Items as the camt reader produces them: most carry a structured reference, some only free text, some nothing that matches. */
function item(i: number): StatementItem {
  const p = payments[Math.floor(rnd() * PAYMENTS)]!;
  const r = rnd();
  const structured = r < 0.7 ? [p.reference] : [];
  const text = r < 0.7 ? [] : r < 0.85 ? [`Invoice ${p.reference.replace(/(.{4})/g, '$1 ')} thank you`] : r < 0.95 ? [`Order ${p.reference}`] : ['Birthday present for Anna'];
  const amount = r > 0.9 && r < 0.93 ? p.amountMinor - 100 : p.amountMinor;
  return {
    id: `entry${i}`,
    kind: 'camt.054',
    statementId: 'S',
    account: { iban: 'DE89370400440532013000', other: null, currency: 'EUR' },
    entryIndex: i,
    transactionIndex: 0,
    batchSize: 1,
    direction: 'credit',
    reversal: false,
    status: 'booked',
    amount: { minor: amount, currency: 'EUR', text: '' },
    instructedAmount: null,
    bookingDate: '2026-11-20',
    valueDate: '2026-11-20',
    accountServicerReference: `BK${i}`,
    entryReference: null,
    endToEndId: null,
    debtorName: null,
    structuredReferences: structured,
    unstructured: text,
    candidates: referenceCandidates(structured, text),
  };
}
const items = Array.from({ length: ITEMS }, (_, i) => item(i));

function camt054(): string {
  const entries = items
    .map(
      (it, i) =>
        `<Ntry><Amt Ccy="EUR">${(it.amount!.minor! / 100).toFixed(2)}</Amt><CdtDbtInd>CRDT</CdtDbtInd><Sts><Cd>BOOK</Cd></Sts><BookgDt><Dt>2026-11-20</Dt></BookgDt><AcctSvcrRef>BK${i}</AcctSvcrRef><NtryDtls><TxDtls><Refs><EndToEndId>NOTPROVIDED</EndToEndId></Refs><Amt Ccy="EUR">${(it.amount!.minor! / 100).toFixed(2)}</Amt><CdtDbtInd>CRDT</CdtDbtInd><RltdPties><Dbtr><Pty><Nm>Payer ${i}</Nm></Pty></Dbtr></RltdPties><RmtInf>${it.unstructured.map((u) => `<Ustrd>${u}</Ustrd>`).join('')}${it.structuredReferences.map((r) => `<Strd><CdtrRefInf><Ref>${r}</Ref></CdtrRefInf></Strd>`).join('')}</RmtInf></TxDtls></NtryDtls></Ntry>`,
    )
    .join('');
  return `<?xml version="1.0" encoding="UTF-8"?><Document xmlns="urn:iso:std:iso:20022:tech:xsd:camt.054.001.08"><BkToCstmrDbtCdtNtfctn><GrpHdr><MsgId>BENCH</MsgId><CreDtTm>2026-11-20T18:00:00</CreDtTm></GrpHdr><Ntfctn><Id>N1</Id><Acct><Id><IBAN>DE89370400440532013000</IBAN></Id></Acct>${entries}</Ntfctn></BkToCstmrDbtCdtNtfctn></Document>`;
}

const median = (xs: number[]): number => {
  const v = [...xs].sort((a, b) => a - b);
  return v.length % 2 ? v[v.length >> 1]! : (v[v.length / 2 - 1]! + v[v.length / 2]!) / 2;
};
/** Process CPU milliseconds of one run: on a shared machine it moves less than wall-clock time. */
const time = (fn: () => unknown): number => {
  const c = process.cpuUsage();
  fn();
  const d = process.cpuUsage(c);
  return (d.user + d.system) / 1000;
};

let sink = 0;
const baseline = (): void => {
  const map = new Map<string, MatchablePayment>();
  for (const p of payments) map.set(p.reference, p);
  for (const it of items) if (it.candidates[0] && map.get(it.candidates[0].reference)) sink++;
};
const matching = (): void => {
  sink += reconcile(items, payments).matched.length;
};

for (let w = 0; w < 2; w++) {
  baseline();
  matching();
}
const base: number[] = [];
const match: number[] = [];
for (let r = 0; r < ROUNDS; r++) {
  base.push(time(baseline));
  match.push(time(matching));
}
const report = reconcile(items, payments);
const counts = Object.fromEntries((['matched', 'partial', 'overpaid', 'unmatched'] as const).map((k) => [k, report[k].length]));

const xml = camt054();
const parse: number[] = [];
const json: number[] = [];
const asJson = JSON.stringify({ items: items.map((it) => ({ ...it, candidates: undefined })) });
for (let r = 0; r < 3; r++) {
  parse.push(
    time(() => {
      const d = parseCamt(xml);
      if (!d.ok) throw new Error(d.reason);
      sink += d.document.items.length;
    }),
  );
  json.push(
    time(() => {
      sink += JSON.parse(asJson).items.length;
    }),
  );
}

console.log(
  `Reconciliation bench — Node ${process.version}, ${ITEMS.toLocaleString('en-US')} items against ${PAYMENTS.toLocaleString('en-US')} pending payments, CPU time, medians of ${ROUNDS} rounds\n`,
);
console.log(`  baseline: Map build + one lookup per item   ${median(base).toFixed(1).padStart(8)} ms`);
console.log(`  reconcile (index + match + report)          ${median(match).toFixed(1).padStart(8)} ms   = ${(median(match) / median(base)).toFixed(2)}× the baseline   (goal ≤ 2,000 ms)`);
console.log(`  outcome: ${JSON.stringify(counts)}\n`);
console.log(`  reading the ${(xml.length / 1e6).toFixed(1)} MB camt.054 file (checks + parse + normalise): ${median(parse).toFixed(0)} ms (median of 3)`);
console.log(`    = ${(median(parse) / median(json)).toFixed(1)}× JSON.parse of the same items as ${(asJson.length / 1e6).toFixed(1)} MB of JSON (${median(json).toFixed(0)} ms)`);
if (sink < 0) console.log(sink);
