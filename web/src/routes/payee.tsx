// Payee details: where the account's payment codes send money, per scheme.
import { useQuery } from '@tanstack/react-query';
import { Link } from '@tanstack/react-router';
import { ArrowLeft } from 'lucide-react';
import { errorText } from '../api/field-errors.ts';
import { paymentProfileQuery } from '../api/payments.ts';
import { Alert, Skeleton } from '../components/ui/misc.tsx';
import { useTitle } from '../lib/use-title.ts';
import { PayeeForm } from '../payments/payee-form.tsx';

export function PayeePage() {
  useTitle('Payee details');
  const profile = useQuery(paymentProfileQuery);
  return (
    <div className="max-w-3xl">
      <Link to="/app/payments" search={{}} className="mb-2 inline-flex items-center gap-1 rounded text-[13px] text-zinc-500 hover:text-zinc-900 dark:text-zinc-400 dark:hover:text-zinc-100">
        <ArrowLeft aria-hidden="true" className="size-3.5" />
        Payments
      </Link>
      <h1 className="text-xl font-semibold tracking-tight">Payee details</h1>
      <p className="mt-1 mb-6 text-sm text-zinc-600 dark:text-zinc-400">
        What payment codes tell the payer's bank: who is paid and into which account. Payment requests can be made only in the ways accepted here.
      </p>
      {profile.isError ? (
        <Alert title="The payee details could not be loaded">{errorText(profile.error)}</Alert>
      ) : profile.isPending ? (
        <Skeleton className="h-96" />
      ) : (
        <PayeeForm saved={profile.data} />
      )}
    </div>
  );
}
