// ISO 20022 bank-to-customer cash management messages: camt.053 (account statement) and camt.054
// (debit/credit notification), message versions .001.02 to .001.13, normalised into one item per
// transaction: an entry (Ntry) booked as a batch carries several transactions (TxDtls), each a
// separate payment. The tags these versions differ in are read in both forms: Sts as text (up to
// .05) or Sts/Cd (.06 on), the transaction amount as AmtDtls/TxAmt/Amt (.02) or Amt (.03 on),
// the debtor as Dbtr/Nm (up to .07) or Dbtr/Pty/Nm (.08 on).

import { createHash } from 'node:crypto';
import { readSafeXml, MAX_STATEMENT_BYTES } from './camt-xml.ts';
import type { XmlNode } from './camt-xml.ts';
import { currencyInfo, decimalToMinor } from './currency.ts';
import { referenceCandidates } from './remittance.ts';
import type { ReferenceCandidate } from './remittance.ts';

/** The message versions read (the .001.nn of the namespace). */
export const CAMT_VERSIONS = { min: 2, max: 13 } as const;

export type CamtKind = 'camt.053' | 'camt.054';
export type EntryStatus = 'booked' | 'pending' | 'information' | 'other';

/** An amount as the bank states it; `minor` is null when the currency is unknown or the decimals do not fit it. */
export interface StatedAmount {
  minor: number | null;
  currency: string;
  text: string;
}

/** The account a statement or notification is about. */
export interface StatementAccount {
  iban: string | null;
  other: string | null;
  currency: string | null;
}

/** One transaction of one entry, with what matching needs. */
export interface StatementItem {
  /** Stable identity (see {@link entryIdentity}): the same booking read twice has the same id. */
  id: string;
  kind: CamtKind;
  statementId: string | null;
  account: StatementAccount;
  /** Position: entry within the document (0-based), transaction within the entry, and how many the entry holds. */
  entryIndex: number;
  transactionIndex: number;
  batchSize: number;
  direction: 'credit' | 'debit' | null;
  /** RvslInd: this booking reverses an earlier one (a returned or recalled payment). */
  reversal: boolean;
  status: EntryStatus;
  /** The transaction's amount in the account's booking currency; null when a batch does not itemise it. */
  amount: StatedAmount | null;
  /** The amount the payer instructed, when the bank reports it (it may be in another currency). */
  instructedAmount: StatedAmount | null;
  bookingDate: string | null;
  valueDate: string | null;
  /** The bank's own reference: the transaction's when present, else the entry's. */
  accountServicerReference: string | null;
  entryReference: string | null;
  endToEndId: string | null;
  debtorName: string | null;
  structuredReferences: string[];
  unstructured: string[];
  candidates: ReferenceCandidate[];
}

/** A parsed document. */
export interface CamtDocument {
  kind: CamtKind;
  version: number;
  messageId: string | null;
  createdAt: string | null;
  statements: { id: string | null; account: StatementAccount; entries: number }[];
  items: StatementItem[];
}

/** The outcome of reading a camt file. */
export type CamtRead = { ok: true; document: CamtDocument } | { ok: false; reason: string };

const NAMESPACE = /^urn:iso:std:iso:20022:tech:xsd:camt\.(05[2-4])\.001\.(\d{2})$/;

const asArray = (v: unknown): unknown[] => (v === undefined || v === null ? [] : Array.isArray(v) ? v : [v]);
const node = (v: unknown): XmlNode => (typeof v === 'object' && v !== null && !Array.isArray(v) ? (v as XmlNode) : {});

/** The text of a leaf (a string, or `#text` of an element with attributes); null when absent or empty. */
function text(v: unknown): string | null {
  if (typeof v === 'string') return v === '' ? null : v;
  if (typeof v === 'object' && v !== null && typeof (v as XmlNode)['#text'] === 'string') return ((v as XmlNode)['#text'] as string) || null;
  return null;
}

/** Follows a path of child names; undefined as soon as one is missing. */
function path(v: unknown, ...names: string[]): unknown {
  let cur = v;
  for (const name of names) {
    if (typeof cur !== 'object' || cur === null || Array.isArray(cur)) return undefined;
    cur = (cur as XmlNode)[name];
  }
  return cur;
}

function amountOf(v: unknown): StatedAmount | null {
  const value = text(v);
  const currency = typeof v === 'object' && v !== null ? (v as XmlNode)['@_Ccy'] : undefined;
  if (value === null || typeof currency !== 'string') return null;
  const info = currencyInfo(currency.toUpperCase());
  return { minor: info ? decimalToMinor(value, info) : null, currency: currency.toUpperCase(), text: value };
}

function dateOf(v: unknown): string | null {
  const d = text(path(v, 'Dt')) ?? text(path(v, 'DtTm'));
  return d ? d.slice(0, 10) : null;
}

function statusOf(v: unknown): EntryStatus {
  const code = text(v) ?? text(path(v, 'Cd')) ?? text(path(v, 'Prtry'));
  switch (code) {
    case 'BOOK':
      return 'booked';
    case 'PDNG':
    case 'FUTR':
      return 'pending';
    case 'INFO':
      return 'information';
    default:
      return 'other';
  }
}

function directionOf(v: unknown): 'credit' | 'debit' | null {
  const d = text(v);
  return d === 'CRDT' ? 'credit' : d === 'DBIT' ? 'debit' : null;
}

function accountOf(report: unknown): StatementAccount {
  return {
    iban: text(path(report, 'Acct', 'Id', 'IBAN')),
    other: text(path(report, 'Acct', 'Id', 'Othr', 'Id')),
    currency: text(path(report, 'Acct', 'Ccy')),
  };
}

/** What identifies a booking across files: the bank's reference when it gives one, else the position in this document. */
interface IdentityParts {
  account: StatementAccount;
  transactionRef: string | null;
  entryRef: string | null;
  transactionIndex: number;
  position: string;
  amount: StatedAmount | null;
  direction: string | null;
  reversal: boolean;
}

/**
 * A 128-bit hex identity for one transaction. With the bank's account-servicer reference it is
 * independent of the file, so a camt.054 notification and a re-downloaded statement carrying the
 * same booking agree; without one, it falls back to the position in the document, so uploading
 * the same file twice still agrees.
 */
export function entryIdentity(p: IdentityParts): string {
  const account = p.account.iban ?? p.account.other ?? '';
  const amount = p.amount ? `${p.amount.currency} ${p.amount.text}` : '';
  const key = p.transactionRef
    ? ['tx', account, p.transactionRef, amount, p.direction, p.reversal]
    : p.entryRef
      ? ['entry', account, p.entryRef, p.transactionIndex, amount, p.direction, p.reversal]
      : ['position', account, p.position, p.transactionIndex, amount, p.direction, p.reversal];
  return createHash('sha256').update(JSON.stringify(key)).digest('hex').slice(0, 32);
}

function remittanceOf(tx: unknown): { structured: string[]; unstructured: string[] } {
  const rmt = path(tx, 'RmtInf');
  const structured: string[] = [];
  for (const strd of asArray(path(rmt, 'Strd'))) {
    for (const cri of asArray(path(strd, 'CdtrRefInf'))) {
      const ref = text(path(cri, 'Ref'));
      if (ref) structured.push(ref);
    }
  }
  const unstructured = asArray(path(rmt, 'Ustrd'))
    .map(text)
    .filter((s): s is string => s !== null);
  return { structured, unstructured };
}

/** Reads a camt.053 or camt.054 document (as text) into items, refusing unsafe or unsupported input. */
export function parseCamt(xml: unknown, options: { maxBytes?: number } = {}): CamtRead {
  const read = readSafeXml(xml, options.maxBytes ?? MAX_STATEMENT_BYTES);
  if (!read.ok) return read;
  const ns = read.namespaces.map((n) => NAMESPACE.exec(n)).find((m) => m !== null);
  if (!ns || read.rootName !== 'Document') {
    return { ok: false, reason: `is not an ISO 20022 camt.053 or camt.054 document (root <${read.rootName}>, namespace ${read.namespaces[0] ?? 'none'})` };
  }
  if (ns[1] === '052') return { ok: false, reason: 'is a camt.052 intraday account report; export the camt.053 statement or camt.054 notifications instead' };
  const version = Number(ns[2]);
  const kind = `camt.${ns[1]}` as CamtKind;
  if (version < CAMT_VERSIONS.min || version > CAMT_VERSIONS.max) {
    // Read after "it": the caller writes "The upload cannot be reconciled: it …".
    return { ok: false, reason: `is ${kind}.001.${ns[2]}, a version not supported; versions .001.0${CAMT_VERSIONS.min} to .001.${CAMT_VERSIONS.max} are` };
  }
  const [containerName, reportName] = kind === 'camt.053' ? ['BkToCstmrStmt', 'Stmt'] : ['BkToCstmrDbtCdtNtfctn', 'Ntfctn'];
  const container = read.root[containerName];
  if (typeof container !== 'object' || container === null) return { ok: false, reason: `a ${kind} document holds a <${containerName}> element; this one does not` };

  const messageId = text(path(container, 'GrpHdr', 'MsgId'));
  const document: CamtDocument = { kind, version, messageId, createdAt: text(path(container, 'GrpHdr', 'CreDtTm')), statements: [], items: [] };
  let entryIndex = 0;
  for (const [reportIndex, report] of asArray(node(container)[reportName]).entries()) {
    const statementId = text(path(report, 'Id'));
    const account = accountOf(report);
    const entries = asArray(path(report, 'Ntry'));
    document.statements.push({ id: statementId, account, entries: entries.length });
    for (const entry of entries) {
      const entryAmount = amountOf(path(entry, 'Amt'));
      const entryDirection = directionOf(path(entry, 'CdtDbtInd'));
      const reversal = /^(true|1)$/.test(text(path(entry, 'RvslInd')) ?? '');
      const entryRef = text(path(entry, 'AcctSvcrRef'));
      const details = asArray(path(entry, 'NtryDtls'));
      const transactions = details.flatMap((d) => asArray(path(d, 'TxDtls')));
      const batchCount = Number(text(path(details[0], 'Btch', 'NbOfTxs')) ?? 0);
      const batchSize = Math.max(transactions.length, 1, Number.isInteger(batchCount) ? batchCount : 0);
      const entryText = text(path(entry, 'AddtlNtryInf'));
      for (let t = 0; t < Math.max(transactions.length, 1); t++) {
        const tx = transactions[t];
        const txAmount = amountOf(path(tx, 'Amt')) ?? amountOf(path(tx, 'AmtDtls', 'TxAmt', 'Amt'));
        // An entry with one transaction (or none itemised) books exactly that transaction's amount.
        const amount = txAmount ?? (batchSize === 1 ? entryAmount : null);
        const direction = directionOf(path(tx, 'CdtDbtInd')) ?? entryDirection;
        const transactionRef = text(path(tx, 'Refs', 'AcctSvcrRef'));
        const { structured, unstructured } = remittanceOf(tx);
        const extra = [text(path(tx, 'AddtlTxInf')), entryText].filter((s): s is string => s !== null);
        const freeText = [...unstructured, ...extra];
        document.items.push({
          id: entryIdentity({
            account,
            transactionRef,
            entryRef,
            transactionIndex: t,
            position: `${kind}/${messageId ?? ''}/${reportIndex}/${statementId ?? ''}/${entryIndex}`,
            amount,
            direction,
            reversal,
          }),
          kind,
          statementId,
          account,
          entryIndex,
          transactionIndex: t,
          batchSize,
          direction,
          reversal,
          status: statusOf(path(entry, 'Sts')),
          amount,
          instructedAmount: amountOf(path(tx, 'AmtDtls', 'InstdAmt', 'Amt')),
          bookingDate: dateOf(path(entry, 'BookgDt')),
          valueDate: dateOf(path(entry, 'ValDt')),
          accountServicerReference: transactionRef ?? entryRef,
          entryReference: text(path(entry, 'NtryRef')),
          endToEndId: text(path(tx, 'Refs', 'EndToEndId')),
          debtorName: text(path(tx, 'RltdPties', 'Dbtr', 'Nm')) ?? text(path(tx, 'RltdPties', 'Dbtr', 'Pty', 'Nm')),
          structuredReferences: structured,
          unstructured: freeText,
          candidates: referenceCandidates(structured, freeText),
        });
      }
      entryIndex++;
    }
  }
  return { ok: true, document };
}
