// Payee details: where the account's payment codes send money, per scheme.
import { useQuery } from '@tanstack/react-query';
import { errorText } from '../api/field-errors.ts';
import { paymentProfileQuery } from '../api/payments.ts';
import { Alert, Skeleton } from '../components/ui/misc.tsx';
import { useTitle } from '../lib/use-title.ts';
import { PaymentsPageHeader } from '../payments/payments-page-header.tsx';
import { PayeeForm } from '../payments/payee-form.tsx';

export function PayeePage() {
  useTitle('Payee details');
  const profile = useQuery(paymentProfileQuery);
  return (
    <div className="max-w-3xl">
      <PaymentsPageHeader title="Payee details">
        What payment codes tell the payer's bank: who is paid and into which account. Payment requests can be made only in the ways accepted here.
      </PaymentsPageHeader>
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
