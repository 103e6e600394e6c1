// The header of a page under Payments (payee details, reconciliation): the way back to the
// payments, the page's title, and what the page is for.
import { Link } from '@tanstack/react-router';
import { ArrowLeft } from 'lucide-react';
import type { ReactNode } from 'react';

export function PaymentsPageHeader({ title, children }: { title: string; children: ReactNode }) {
  return (
    <>
      <Link
        to="/app/payments"
        search={{}}
        className="mb-2 inline-flex max-sm:min-h-11 items-center gap-1 rounded text-[13px] text-zinc-500 hover:text-zinc-900 dark:text-zinc-400 dark:hover:text-zinc-100"
      >
        <ArrowLeft aria-hidden="true" className="size-3.5" />
        Payments
      </Link>
      <h1 className="text-xl font-semibold tracking-tight">{title}</h1>
      <p className="mt-1 mb-6 text-sm text-zinc-600 dark:text-zinc-400">{children}</p>
    </>
  );
}
