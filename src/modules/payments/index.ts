// Public entry of the payments module: its routes and background jobs, and the pure parts other
// code may use (IBAN and reference validation, payload builders, bank statement reading and
// matching, which need neither HTTP nor a database).
import type { Module } from '../../context.ts';

export { checkIban, electronicIban, formatIban, isQrIban, checkQrIban, ibanCheckDigits, IBAN_LENGTHS, QR_IID_RANGE } from './iban.ts';
export type { IbanCheck } from './iban.ts';
export { checkBic } from './bic.ts';
export type { BicCheck } from './bic.ts';
export { checkCountry, countryName, COUNTRY_CODES } from './countries.ts';
export { CURRENCIES, currencyInfo, checkCurrency, checkMinorAmount, checkSchemeAmount, minorToDecimal, decimalToMinor, formatAmount } from './currency.ts';
export type { CurrencyInfo, CurrencyCheck, AmountBounds, AmountCheck } from './currency.ts';
export {
  checkRf,
  rfFromBody,
  formatRf,
  checkQrReference,
  qrReferenceFromDigits,
  formatQrReference,
  mod10RecursiveCheckDigit,
  checkPixTxid,
  checkUpiTr,
  newCreditorReference,
  readOwnReference,
  normalizeReference,
  RF_MAX_BODY,
  QR_REFERENCE_LENGTH,
  PIX_TXID_MAX,
  UPI_TR_MAX,
  MIN_UNCHECKED_REFERENCE,
} from './creditor-reference.ts';
export type { CreditorReferenceKind, NewReferenceOptions, RandomSource, ReferenceCheck } from './creditor-reference.ts';
export { checkPixKey, checkCpf, checkCnpj, PIX_KEY_TYPES } from './pix-key.ts';
export type { PixKeyType, PixKeyCheck } from './pix-key.ts';
export { checkVpa } from './vpa.ts';
export type { VpaCheck } from './vpa.ts';
export { checkText, checkOptionalText, transliterate, utf8Length } from './text.ts';
export type { Charset, TextRule, TextCheck } from './text.ts';
export type { FieldError, PayloadResult } from './field-errors.ts';
export { checkSwissAddress, SWISS_ADDRESS_LIMITS } from './swiss-address.ts';
export type { SwissAddress, StructuredAddress, CombinedAddress, SwissParty } from './swiss-address.ts';
export { buildEpcPayload, checkSepaPayee, EPC_LIMITS } from './schemes/epc.ts';
export type { EpcInput, SepaPayee } from './schemes/epc.ts';
export { EEA_COUNTRIES, SEPA_COUNTRIES } from './schemes/sepa-area.ts';
export { buildSwissQrPayload, checkSwissQrPayee, SWISS_QR_LIMITS, SWISS_QR_CURRENCIES } from './schemes/swiss-qr.ts';
export type { SwissQrInput, SwissQrPayee } from './schemes/swiss-qr.ts';
export { buildPixPayload, checkPixPayee, PIX_GUI, PIX_LIMITS } from './schemes/pix.ts';
export type { PixInput, PixPayee } from './schemes/pix.ts';
export { buildUpiPayload, checkUpiPayee, encodeUpiValue, UPI_LIMITS } from './schemes/upi.ts';
export type { UpiInput, UpiPayee } from './schemes/upi.ts';
export { crc16CcittFalse, parseTlv } from './schemes/emv-tlv.ts';
export { SWISS_CROSS_LOGO, SWISS_CROSS_SIZE, SWISS_CROSS_SVG, swissQrDesign } from './swiss-cross.ts';
export { checkPayeeProfile, acceptedSchemes, SCHEMES } from './payee-profile.ts';
export type { PayeeProfile, ProfileCheck, Scheme } from './payee-profile.ts';
export { buildPaymentQr, issueCreditorReference, SCHEME_SPECIFICATIONS } from './payment-qr.ts';
export { SCHEME_CURRENCIES } from './scheme-currencies.ts';
export type { IssuedReference, PaymentQr, PaymentQrInput } from './payment-qr.ts';
export { readSafeXml, decodeXmlText, MAX_STATEMENT_BYTES } from './camt-xml.ts';
export { parseCamt, entryIdentity, CAMT_VERSIONS } from './camt.ts';
export type { CamtDocument, CamtKind, CamtRead, EntryStatus, StatedAmount, StatementAccount, StatementItem } from './camt.ts';
export { referenceCandidates, findRfReferences, findQrReferences } from './remittance.ts';
export type { ReferenceCandidate, ReferenceSource } from './remittance.ts';
export { reconcile, indexPayments, referencesToLookUp } from './reconcile.ts';
export type { MatchablePayment, PaymentIndex, PaymentState, Outcome, ReportLine, PaymentAction, PaymentFlag, ReconciliationReport, ReconcileOptions } from './reconcile.ts';
export { paymentsJobs } from './payments.jobs.ts';
export const paymentsRoutes: Module = async (app, ctx) => (await import('./payments.routes.ts')).paymentsRoutes(app, ctx);
