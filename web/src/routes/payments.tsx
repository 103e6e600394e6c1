// Payment requests made through the API (payments/init) or here by hand, newest first: filter by
// status, switch to the test payments, open one to see its code and reference, mark it paid by
// hand or cancel it.
import { useInfiniteQuery, useQuery } from '@tanstack/react-query';
import { Link, useNavigate, useSearch } from '@tanstack/react-router';
import { Banknote, FileCheck2, Landmark, Plus } from 'lucide-react';
import { useState } from 'react';
import { errorText } from '../api/field-errors.ts';
import { PAYMENT_STATUSES, paymentProfileQuery, paymentsQuery } from '../api/payments.ts';
import { Button, buttonClass } from '../components/ui/button.tsx';
import { Select } from '../components/ui/field.tsx';
import { Alert, Card, EmptyState, PageHeader, Skeleton } from '../components/ui/misc.tsx';
import { Toggle } from '../designer/inputs.tsx';
import { useTitle } from '../lib/use-title.ts';
import { STATUS } from '../payments/labels.ts';
import { NewPaymentDialog } from '../payments/new-payment-dialog.tsx';
import { PaymentRow } from '../payments/payment-row.tsx';
import { parsePaymentsSearch } from './payments-search.ts';

export function PaymentsPage() {
  useTitle('Payments');
  const { status, mode } = useSearch({ from: '/app/payments' });
  const navigate = useNavigate({ from: '/app/payments' });
  const list = useInfiniteQuery(paymentsQuery(status, mode ?? 'live'));
  const testing = mode === 'test';
  const profile = useQuery(paymentProfileQuery);
  const payments = list.data?.pages.flatMap((p) => p.data) ?? [];
  const [creating, setCreating] = useState(false);
  // The request just made opens with its code, ready to show or send.
  const [createdId, setCreatedId] = useState<string | null>(null);
  const schemes = profile.data?.schemes ?? [];
  return (
    <>
      <PageHeader
        title="Payments"
        description="Payment requests your systems created, each with a QR code to pay by bank transfer, Pix or UPI."
        actions={
          <>
            <Link to="/app/payments/reconcile" className={buttonClass('secondary')}>
              <FileCheck2 aria-hidden="true" />
              Reconcile a statement
            </Link>
            <Link to="/app/payments/payee" className={buttonClass('secondary')}>
              <Landmark aria-hidden="true" />
              Payee details
            </Link>
            {schemes.length > 0 && (
              <Button variant="primary" onClick={() => setCreating(true)}>
                <Plus aria-hidden="true" />
                {/* In the test view it makes a test request, as the empty state's button says. */}
                {testing ? 'New test payment request' : 'New payment request'}
              </Button>
            )}
          </>
        }
      />
      <div className="mb-4 flex flex-wrap items-center gap-x-6 gap-y-3">
        <div className="flex items-center gap-2">
          <label htmlFor="payment-status" className="text-[13px] font-medium">
            Show
          </label>
          <Select id="payment-status" className="sm:w-56" value={status ?? ''} onChange={(e) => void navigate({ search: parsePaymentsSearch({ status: e.target.value, mode }), replace: true })}>
            <option value="">All payments</option>
            {PAYMENT_STATUSES.map((s) => (
              <option key={s} value={s}>
                {STATUS[s].label}
              </option>
            ))}
          </Select>
        </div>
        <Toggle label="Test payments" checked={testing} onChange={(on) => void navigate({ search: parsePaymentsSearch({ status, mode: on ? 'test' : undefined }), replace: true })} />
      </div>
      {testing && (
        <div className="mb-4">
          <Alert tone="info" title="Test payments">
            Made with a test key (<code>sec1-tst-…</code>) or here in the test view: no money moves. Settle one with Simulate paid or failed to see what your systems receive.
          </Alert>
        </div>
      )}
      {list.isError ? (
        <Alert title="The payments could not be loaded">{errorText(list.error)}</Alert>
      ) : list.isPending ? (
        <Skeleton className="h-48" />
      ) : payments.length === 0 ? (
        status ? (
          <EmptyState
            icon={<Banknote />}
            title={testing ? 'No test payments with this status' : 'No payments with this status'}
            actions={
              <Link to="/app/payments" search={testing ? { mode: 'test' } : {}} className="text-sm font-medium text-accent-ink underline">
                Show all {testing ? 'test ' : ''}payments
              </Link>
            }
          >
            Choose another status, or show them all.
          </EmptyState>
        ) : testing ? (
          <EmptyState
            icon={<Banknote />}
            title="No test payments yet"
            actions={
              schemes.length > 0 ? (
                <Button variant="primary" onClick={() => setCreating(true)}>
                  New test payment request
                </Button>
              ) : undefined
            }
          >
            Create one here, or with a test key (<code>sec1-tst-…</code>, under API keys) through <code>POST /api/v1/payments/init</code>: it shows here, and nowhere in your live payments.
          </EmptyState>
        ) : (
          <EmptyState
            icon={<Banknote />}
            title="No payment requests yet"
            actions={
              profile.data && profile.data.schemes.length === 0 ? (
                <Link to="/app/payments/payee" className={buttonClass('primary')}>
                  Set payee details
                </Link>
              ) : schemes.length > 0 ? (
                <Button variant="primary" onClick={() => setCreating(true)}>
                  New payment request
                </Button>
              ) : undefined
            }
          >
            {profile.data && profile.data.schemes.length === 0 && <>First say where payments go (your account, per way of paying). </>}
            Your shop or ticketing system creates them through the API (<code>POST /api/v1/payments/init</code>, with an API key), or you make one here: each gets a QR code people pay with in their
            banking app, and shows here.{' '}
            <a href="/docs" className="font-medium text-accent-ink underline">
              API documentation
            </a>
          </EmptyState>
        )
      ) : (
        <Card>
          <ul className="divide-y divide-zinc-100 dark:divide-zinc-800">
            {payments.map((p) => (
              <PaymentRow key={p.id} payment={p} defaultOpen={p.id === createdId} />
            ))}
          </ul>
          {list.hasNextPage && (
            <div className="border-t border-zinc-100 p-3 text-center dark:border-zinc-800">
              <Button pending={list.isFetchingNextPage} onClick={() => void list.fetchNextPage()}>
                Show more
              </Button>
            </div>
          )}
        </Card>
      )}
      {schemes.length > 0 && (
        <NewPaymentDialog
          schemes={schemes}
          mode={testing ? 'test' : 'live'}
          open={creating}
          onOpenChange={setCreating}
          onCreated={(payment) => {
            setCreatedId(payment.id);
            // Made while a filter hid waiting payments: show it.
            if (status && status !== 'pending') void navigate({ search: parsePaymentsSearch({ mode }), replace: true });
          }}
        />
      )}
    </>
  );
}
