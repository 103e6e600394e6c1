// One payment request: amount, order reference, how it is paid and where it stands; folded
// beneath, its code (as the server renders it, to download as PNG or SVG), the reference to quote, the pay page, and the
// actions a person may take.
import { Ban, CheckCircle2, ChevronDown, ExternalLink } from 'lucide-react';
import { useState } from 'react';
import type { Payment } from '../api/payments.ts';
import { Button } from '../components/ui/button.tsx';
import { Badge, Time } from '../components/ui/misc.tsx';
import { PaymentDownloads } from './payment-downloads.tsx';
import { CancelPaymentDialog, MarkPaidDialog, SimulateButtons } from './payment-actions.tsx';
import { FLAG, money, SCHEME, STATUS } from './labels.ts';

export function PaymentRow({ payment, defaultOpen = false }: { payment: Payment; defaultOpen?: boolean }) {
  const [open, setOpen] = useState(defaultOpen);
  const [marking, setMarking] = useState(false);
  const [canceling, setCanceling] = useState(false);
  const status = STATUS[payment.status];
  const panel = `payment-${payment.id}`;
  const settled = payment.paid_at ?? payment.canceled_at ?? payment.expired_at ?? payment.failed_at;
  return (
    <li className="px-4 py-3">
      <button type="button" aria-expanded={open} aria-controls={panel} onClick={() => setOpen((o) => !o)} className="flex w-full items-center gap-3 rounded-md text-left max-sm:min-h-11">
        <ChevronDown aria-hidden="true" className={`size-4 shrink-0 text-zinc-400 transition-transform ${open ? 'rotate-180' : ''}`} />
        <span className="min-w-0 flex-1">
          <span className="flex flex-wrap items-center gap-2">
            <span className="tabular font-semibold">{money(payment)}</span>
            <span className="truncate text-sm">{payment.reference}</span>
            <Badge tone={status.tone}>{status.label}</Badge>
            {!payment.livemode && <Badge tone="warning">Test</Badge>}
            {(payment.flags ?? []).length > 0 && <Badge tone="danger">Needs a look</Badge>}
          </span>
          <span className="mt-0.5 block text-[13px] text-zinc-500 dark:text-zinc-400">
            {SCHEME[payment.scheme]}
            {payment.description && <> · {payment.description}</>} · created <Time value={payment.created_at} />
          </span>
        </span>
      </button>
      {open && (
        <div id={panel} className={`mt-3 grid gap-4 pl-7 ${payment.status === 'pending' ? 'sm:grid-cols-[160px_1fr]' : ''}`}>
          {/* Only a payment still waiting has a code worth showing: a closed one can no longer be paid. */}
          {payment.status === 'pending' && (
            // Its path, not svg_url itself: that names TESSERA_PUBLIC_URL, and a dashboard opened at another
            // address (localhost for 127.0.0.1, an internal name) may not load images from there (CSP).
            <img
              src={new URL(payment.svg_url).pathname}
              alt={`Payment code for ${money(payment)}, ${payment.reference}`}
              className="size-40 rounded-md border border-zinc-200 bg-white p-1 dark:border-zinc-700"
            />
          )}
          <div className="space-y-2 text-[13px]">
            <dl className="grid grid-cols-[auto_1fr] gap-x-4 gap-y-1">
              <dt className="text-zinc-500 dark:text-zinc-400">Reference to quote</dt>
              <dd className="font-mono break-all">{payment.creditor_reference.display}</dd>
              <dt className="text-zinc-500 dark:text-zinc-400">{payment.status === 'pending' ? 'Expires' : status.label}</dt>
              <dd>
                <Time value={payment.status === 'pending' ? payment.expires_at : (settled ?? payment.updated_at)} />
              </dd>
              {/* "Needs a look" above says that; here, why, and what arrived so far. */}
              {(payment.flags ?? []).length > 0 && (
                <>
                  <dt className="text-zinc-500 dark:text-zinc-400">Needs a look</dt>
                  <dd>{(payment.flags ?? []).map((flag) => FLAG[flag]).join('; ')}</dd>
                </>
              )}
              {payment.status !== 'succeeded' && (payment.received_amount ?? 0) > 0 && (
                <>
                  <dt className="text-zinc-500 dark:text-zinc-400">Received</dt>
                  <dd className="tabular">
                    {money({ amount: payment.received_amount ?? 0, currency: payment.currency })} of {money(payment)}
                  </dd>
                </>
              )}
              {payment.settlement?.note && (
                <>
                  <dt className="text-zinc-500 dark:text-zinc-400">Note</dt>
                  <dd>{payment.settlement.note}</dd>
                </>
              )}
              {payment.failure_reason && (
                <>
                  <dt className="text-zinc-500 dark:text-zinc-400">Why it failed</dt>
                  <dd>{payment.failure_reason}</dd>
                </>
              )}
            </dl>
            <div className="flex flex-wrap gap-2 pt-1">
              <a href={payment.pay_url} target="_blank" rel="noreferrer" className="inline-flex items-center gap-1 rounded text-accent-ink underline">
                Pay page <ExternalLink aria-hidden="true" className="size-3.5" />
                <span className="sr-only">(opens in a new tab)</span>
              </a>
              {payment.status === 'pending' && <PaymentDownloads payment={payment} />}
            </div>
            {(payment.status === 'pending' || payment.status === 'expired') && (
              <div className="flex flex-wrap gap-2 pt-1">
                <Button size="sm" onClick={() => setMarking(true)}>
                  <CheckCircle2 aria-hidden="true" />
                  Mark paid…
                </Button>
                {payment.status === 'pending' && !payment.livemode && <SimulateButtons payment={payment} />}
                {payment.status === 'pending' && (
                  <Button size="sm" variant="ghost" onClick={() => setCanceling(true)}>
                    <Ban aria-hidden="true" />
                    Cancel payment…
                  </Button>
                )}
              </div>
            )}
          </div>
        </div>
      )}
      <MarkPaidDialog payment={payment} open={marking} onOpenChange={setMarking} />
      <CancelPaymentDialog payment={payment} open={canceling} onOpenChange={setCanceling} />
    </li>
  );
}
