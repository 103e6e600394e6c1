// Builds ISO 20022 camt.053 / camt.054 documents for the tests, in the shape each message
// version has: status as text (≤ .05) or Sts/Cd (.06+), transaction amount in AmtDtls/TxAmt
// (.02) or Amt (.03+), debtor as Dbtr/Nm (≤ .07) or Dbtr/Pty/Nm (.08+).

export interface FixtureTx {
  amount?: string;
  currency?: string;
  direction?: 'CRDT' | 'DBIT';
  /** Structured creditor reference, and its type code (SCOR) or proprietary type (QRR). */
  reference?: string;
  referenceType?: 'SCOR' | 'QRR';
  ustrd?: string[];
  acctSvcrRef?: string;
  endToEndId?: string;
  debtor?: string;
  instructed?: { amount: string; currency: string };
}

export interface FixtureEntry {
  amount: string;
  currency?: string;
  direction?: 'CRDT' | 'DBIT';
  reversal?: boolean;
  status?: 'BOOK' | 'PDNG' | 'INFO';
  bookingDate?: string;
  acctSvcrRef?: string;
  ntryRef?: string;
  additionalInfo?: string;
  /** Btch/NbOfTxs, for batches the bank does not itemise. */
  batchCount?: number;
  txs?: FixtureTx[];
}

export interface FixtureOptions {
  kind: '053' | '054';
  version: number;
  messageId?: string;
  iban?: string;
  accountCurrency?: string;
  /** One statement/notification per inner array. */
  reports: FixtureEntry[][];
  /** Write every element with a namespace prefix (`camt:Document`). */
  prefixed?: boolean;
}

const esc = (s: string): string => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

function tx(t: FixtureTx, v: number, entry: FixtureEntry): string {
  const ccy = t.currency ?? entry.currency ?? 'EUR';
  const instructed = t.instructed ? `<InstdAmt><Amt Ccy="${t.instructed.currency}">${t.instructed.amount}</Amt></InstdAmt>` : '';
  let amounts: string;
  if (v === 2) {
    const parts = instructed + (t.amount !== undefined ? `<TxAmt><Amt Ccy="${ccy}">${t.amount}</Amt></TxAmt>` : '');
    amounts = parts ? `<AmtDtls>${parts}</AmtDtls>` : '';
  } else {
    amounts =
      (t.amount !== undefined ? `<Amt Ccy="${ccy}">${t.amount}</Amt><CdtDbtInd>${t.direction ?? entry.direction ?? 'CRDT'}</CdtDbtInd>` : '') + (instructed ? `<AmtDtls>${instructed}</AmtDtls>` : '');
  }
  const refs = `<Refs>${t.acctSvcrRef ? `<AcctSvcrRef>${t.acctSvcrRef}</AcctSvcrRef>` : ''}<EndToEndId>${t.endToEndId ?? 'NOTPROVIDED'}</EndToEndId></Refs>`;
  const debtor = t.debtor ? `<RltdPties><Dbtr>${v >= 8 ? `<Pty><Nm>${esc(t.debtor)}</Nm></Pty>` : `<Nm>${esc(t.debtor)}</Nm>`}</Dbtr></RltdPties>` : '';
  const tp = t.referenceType === 'QRR' ? '<Tp><CdOrPrtry><Prtry>QRR</Prtry></CdOrPrtry></Tp>' : '<Tp><CdOrPrtry><Cd>SCOR</Cd></CdOrPrtry></Tp>';
  const strd = t.reference ? `<Strd><CdtrRefInf>${tp}<Ref>${t.reference}</Ref></CdtrRefInf></Strd>` : '';
  const ustrd = (t.ustrd ?? []).map((u) => `<Ustrd>${esc(u)}</Ustrd>`).join('');
  const rmt = strd || ustrd ? `<RmtInf>${ustrd}${strd}</RmtInf>` : '';
  return `<TxDtls>${refs}${amounts}${debtor}${rmt}</TxDtls>`;
}

function entry(e: FixtureEntry, v: number): string {
  const status = e.status ?? 'BOOK';
  const sts = v <= 5 ? `<Sts>${status}</Sts>` : `<Sts><Cd>${status}</Cd></Sts>`;
  const date = e.bookingDate ?? '2026-11-20';
  const details = e.txs || e.batchCount ? `<NtryDtls>${e.batchCount ? `<Btch><NbOfTxs>${e.batchCount}</NbOfTxs></Btch>` : ''}${(e.txs ?? []).map((t) => tx(t, v, e)).join('')}</NtryDtls>` : '';
  return (
    `<Ntry>${e.ntryRef ? `<NtryRef>${e.ntryRef}</NtryRef>` : ''}<Amt Ccy="${e.currency ?? 'EUR'}">${e.amount}</Amt><CdtDbtInd>${e.direction ?? 'CRDT'}</CdtDbtInd>` +
    `${e.reversal ? '<RvslInd>true</RvslInd>' : ''}${sts}<BookgDt><Dt>${date}</Dt></BookgDt><ValDt><Dt>${date}</Dt></ValDt>` +
    `${e.acctSvcrRef ? `<AcctSvcrRef>${e.acctSvcrRef}</AcctSvcrRef>` : ''}<BkTxCd><Domn><Cd>PMNT</Cd><Fmly><Cd>RCDT</Cd><SubFmlyCd>ESCT</SubFmlyCd></Fmly></Domn></BkTxCd>` +
    `${details}${e.additionalInfo ? `<AddtlNtryInf>${esc(e.additionalInfo)}</AddtlNtryInf>` : ''}</Ntry>`
  );
}

/** A whole camt document as text. */
export function camtXml(o: FixtureOptions): string {
  const v = o.version;
  const ns = `urn:iso:std:iso:20022:tech:xsd:camt.${o.kind}.001.${String(v).padStart(2, '0')}`;
  const [container, report] = o.kind === '053' ? ['BkToCstmrStmt', 'Stmt'] : ['BkToCstmrDbtCdtNtfctn', 'Ntfctn'];
  const reports = o.reports
    .map(
      (entries, i) =>
        `<${report}><Id>${o.messageId ?? 'MSG'}-${i + 1}</Id><CreDtTm>2026-11-20T18:00:00</CreDtTm><Acct><Id><IBAN>${o.iban ?? 'DE89370400440532013000'}</IBAN></Id><Ccy>${o.accountCurrency ?? 'EUR'}</Ccy></Acct>${entries.map((e) => entry(e, v)).join('')}</${report}>`,
    )
    .join('');
  let xml = `<?xml version="1.0" encoding="UTF-8"?>\n<Document xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" xmlns="${ns}"><${container}><GrpHdr><MsgId>${o.messageId ?? 'MSG'}</MsgId><CreDtTm>2026-11-20T18:00:00</CreDtTm></GrpHdr>${reports}</${container}></Document>`;
  if (o.prefixed) xml = xml.replace(/<(\/?)([A-Za-z])/g, '<$1camt:$2').replace('xmlns="', 'xmlns:camt="');
  return xml;
}
