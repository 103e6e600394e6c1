// The hosted pay page: who is paid and how much (formatted as people of the currency read it), the
// code, every detail a desktop payer types into online banking with a copy button, the deep link
// where the scheme has one (UPI), the Pix "copia e cola" code, and the status, which the page
// script keeps current without a reload. Server-rendered; every state's sentence is in the page
// and the script only shows the one that applies.
import type { PaymentsTable } from '../../db/schema.ts';
import { html, type SafeHtml } from '../../http/html.ts';
import { icon } from '../../http/page/icons.ts';
import type { Translator } from '../../http/page/messages/catalogue.ts';
import { copyButton, pageHeading } from '../../http/page/parts.ts';
import { type Branding, type RenderedPage, renderPage } from '../../http/page/shell.ts';
import { timeElement } from '../../http/page/times.ts';
import { currencyInfo } from './currency.ts';
import { formatIban } from './iban.ts';
import { displayReference } from './payment.view.ts';

/** What the page needs besides the payment. */
export interface PayPageContext {
  t: Translator;
  now: number;
  branding: Branding;
}

// Where each currency is spent, so amounts read the way its payers write them ("1.949,75 CHF"
// would confuse a Swiss payer who writes "CHF 1’949.75"). Euro amounts follow the payee's country.
const CURRENCY_LOCALE: Record<string, string> = { CHF: 'de-CH', BRL: 'pt-BR', INR: 'en-IN' };
const EURO_LOCALE: Record<string, string> = {
  DE: 'de-DE',
  AT: 'de-AT',
  FR: 'fr-FR',
  BE: 'fr-BE',
  LU: 'fr-LU',
  ES: 'es-ES',
  IT: 'it-IT',
  NL: 'nl-NL',
  PT: 'pt-PT',
  IE: 'en-IE',
  FI: 'fi-FI',
  GR: 'el-GR',
  SK: 'sk-SK',
  SI: 'sl-SI',
  EE: 'et-EE',
  LV: 'lv-LV',
  LT: 'lt-LT',
  HR: 'hr-HR',
  MT: 'en-MT',
  CY: 'el-CY',
};

/** The amount as people who pay in this currency write it. */
export function formatPaymentAmount(minor: number, currency: string, payeeCountry: string | null): string {
  const info = currencyInfo(currency);
  const exponent = info?.exponent ?? 2;
  const locale = CURRENCY_LOCALE[currency] ?? (currency === 'EUR' && payeeCountry ? EURO_LOCALE[payeeCountry] : undefined) ?? 'en';
  return new Intl.NumberFormat(locale, { style: 'currency', currency, minimumFractionDigits: exponent, maximumFractionDigits: exponent }).format(minor / 10 ** exponent);
}

type Payee = { name?: string; merchant_name?: string; payee_name?: string; iban?: string; bic?: string | null; key?: string; vpa?: string };

const STATUS_WHEN = {
  pending: 'pending',
  succeeded: 'succeeded',
  expired: 'expired',
  canceled: 'canceled',
  failed: 'failed',
} as const;

function field(label: string, value: SafeHtml | string, copyId?: string, t?: Translator, hint?: string): SafeHtml {
  const body = copyId && t ? html`<div class="copy-row"><code id="${copyId}">${value}</code>${copyButton(t, copyId)}</div>` : html`${value}`;
  return html`<div><dt>${label}</dt><dd>${body}${hint ? html`<p class="help">${hint}</p>` : ''}</dd></div>`;
}

/** The pay page of a payment. */
export function payPage(ctx: PayPageContext, row: PaymentsTable, urls: { svg: string; status: string }): RenderedPage {
  const { t } = ctx;
  const payee = JSON.parse(row.payee) as Payee;
  const payeeName = payee.name ?? payee.merchant_name ?? payee.payee_name ?? '';
  const country = payee.iban ? payee.iban.slice(0, 2) : null;
  const amount = formatPaymentAmount(row.amount_minor, row.currency, country);
  const title = t.text('pay.title', { payee: payeeName });
  const status = row.status as keyof typeof STATUS_WHEN;
  const hide = (when: string) => (when === status ? '' : html` hidden`);

  const statusPanel = html`<div data-when="pending"${hide('pending')} class="pay-status" data-ended-text="${t.text('pay.pending.ended')}">${icon('clock')}<span>${t.html('pay.pending', { when: timeElement(t.lang, row.expires_at, ctx.now) })}</span></div>
<div data-when="succeeded"${hide('succeeded')} class="pay-status is-good">${icon('check')}<span>${t.text('pay.succeeded')}</span></div>
<div data-when="expired"${hide('expired')} class="pay-status is-bad">${icon('clock')}<span>${t.text('pay.expired', { payee: payeeName })}</span></div>
<div data-when="canceled"${hide('canceled')} class="pay-status is-bad">${icon('ban')}<span>${t.text('pay.canceled')}</span></div>
<div data-when="failed"${hide('failed')} class="pay-status is-bad">${icon('ban')}<span>${t.text('pay.failed', { payee: payeeName })}</span></div>`;

  const reference = displayReference(row.creditor_reference_type, row.creditor_reference);
  const fields: SafeHtml[] = [field(t.text('pay.field.payee'), payeeName)];
  if (row.scheme === 'sepa' || row.scheme === 'swiss_qr') {
    fields.push(field(t.text('pay.field.iban'), formatIban(payee.iban ?? ''), 'pay-iban', t));
    if (payee.bic) fields.push(field(t.text('pay.field.bic'), payee.bic, 'pay-bic', t));
    fields.push(field(t.text('pay.field.amount'), amount));
    fields.push(field(t.text('pay.field.reference'), reference, 'pay-reference', t, t.text('pay.field.referenceHint')));
  } else if (row.scheme === 'upi') {
    fields.push(field(t.text('pay.field.vpa'), payee.vpa ?? '', 'pay-vpa', t));
    fields.push(field(t.text('pay.field.amount'), amount));
    fields.push(field(t.text('pay.field.reference'), reference, 'pay-reference', t));
  } else {
    fields.push(field(t.text('pay.field.amount'), amount));
    fields.push(field(t.text('pay.field.pixCode'), html`<span class="pay-payload">${row.qr_payload}</span>`, 'pay-pix', t));
  }
  fields.push(field(t.text('pay.field.order'), row.reference));

  const lead = t.text(row.scheme === 'pix' ? 'pay.scan.pix' : row.scheme === 'upi' ? 'pay.scan.upi' : 'pay.scan');
  // A deep link opens the payer's UPI app on the phone that shows this page.
  const deepLink = row.scheme === 'upi' ? html`<p><a class="button wide" href="${row.qr_payload}" data-when="pending"${hide('pending')}>${t.text('pay.openUpi')}</a></p>` : '';
  const test = row.livemode ? '' : html`<p class="notice" role="note">${t.text('pay.test')}</p>`;

  const body = html`${pageHeading('ticket', title)}
<p class="pay-amount">${amount}</p>
${row.description ? html`<p class="lead">${row.description}</p>` : ''}${test}
<div data-live-status="${urls.status}" data-status="${status}">
<div role="status" aria-live="polite">${statusPanel}</div>
<div class="pay-layout" data-when="pending"${hide('pending')}>
<img class="pay-code" src="${urls.svg}" width="288" height="288" alt="${t.text('pay.codeLabel', { amount, payee: payeeName })}">
<div><p>${lead}</p>${deepLink}<dl class="pay-fields">${fields}</dl></div>
</div>
</div>`;
  return renderPage({ t, title, body, branding: ctx.branding, script: true, liveUpdates: status === 'pending' });
}

/** An unknown payment id. */
export function payNotFoundPage(t: Translator): RenderedPage {
  const title = t.text('pay.notFound.title');
  return renderPage({ t, title, body: html`${pageHeading('search', title)}<p>${t.text('pay.notFound.body')}</p>`, tone: 'danger' });
}
