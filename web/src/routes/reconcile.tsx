// Bank reconciliation: a person uploads the statement their online banking exports (camt.053, or
// camt.054 notifications) and sees what each credit did: payments now paid, money that needs a
// look, and bookings that matched nothing. The server matches; this page uploads and reads out.
import { useQueryClient } from '@tanstack/react-query';
import { useMutation } from '../api/mutation.ts';
import { FileUp } from 'lucide-react';
import { type FormEvent, useId, useRef, useState } from 'react';
import { errorText } from '../api/field-errors.ts';
import { type ReconciliationReport, reconcileStatement } from '../api/payments.ts';
import { Button } from '../components/ui/button.tsx';
import { Alert, Card } from '../components/ui/misc.tsx';
import { toast } from '../components/ui/toast.tsx';
import { useTitle } from '../lib/use-title.ts';
import { PaymentsPageHeader } from '../payments/payments-page-header.tsx';
import { ReportGroupTable } from '../payments/report-table.tsx';
import { reportGroups } from '../payments/report-groups.ts';

function Summary({ report, file }: { report: ReconciliationReport; file: string }) {
  const paid = report.summary.payments_succeeded ?? 0;
  // The server flags what needs a person (partial, overpaid, late, reversed, another currency): counted from its flags.
  const look = (report.payments ?? []).filter((p) => (p.flags ?? []).length > 0).length;
  const entries = report.document.entries ?? 0;
  return (
    <div className="space-y-1">
      <h2 className="text-sm font-semibold">
        {file}: {entries === 1 ? '1 booking' : `${entries.toLocaleString()} bookings`}
        {report.document.kind && <span className="font-normal text-zinc-500 dark:text-zinc-400"> ({report.document.kind})</span>}
      </h2>
      <p className="text-sm text-zinc-700 dark:text-zinc-300">
        {paid === 1 ? '1 payment is now paid' : `${paid.toLocaleString()} payments are now paid`}
        {look > 0 ? `; ${look === 1 ? '1 needs' : `${look.toLocaleString()} need`} a look.` : '.'}
      </p>
    </div>
  );
}

export function ReconcilePage() {
  useTitle('Reconcile a statement');
  const queryClient = useQueryClient();
  const inputId = useId();
  const input = useRef<HTMLInputElement>(null);
  const [file, setFile] = useState<File | null>(null);
  const upload = useMutation({
    mutationFn: async (statement: File) => ({ name: statement.name, report: await reconcileStatement(await statement.text()) }),
    onSuccess: ({ report }) => {
      void queryClient.invalidateQueries({ queryKey: ['payments'] });
      toast(`Statement reconciled: ${report.summary.payments_succeeded ?? 0} paid`);
    },
  });
  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    if (file) upload.mutate(file);
  };
  const groups = upload.data ? reportGroups(upload.data.report) : [];
  return (
    <div className="max-w-4xl">
      <PaymentsPageHeader title="Reconcile a statement">
        Export the account statement from your online banking as ISO 20022 XML (camt.053, or camt.054 notifications) and upload it here. Each credit is matched to a waiting payment by its reference
        and amount; exact ones become paid. Uploading the same file again changes nothing.
      </PaymentsPageHeader>
      <Card className="p-5">
        <form onSubmit={onSubmit} className="flex flex-col gap-4 sm:flex-row sm:items-end">
          <div className="min-w-0 flex-1 space-y-1.5">
            <label htmlFor={inputId} className="block text-[13px] font-medium text-zinc-800 dark:text-zinc-200">
              Statement file (XML)
            </label>
            <input
              ref={input}
              id={inputId}
              type="file"
              accept=".xml,application/xml,text/xml"
              onChange={(e) => {
                setFile(e.target.files?.[0] ?? null);
                upload.reset();
              }}
              className="block w-full text-sm text-zinc-700 max-sm:min-h-11 max-sm:file:min-h-11 file:mr-3 file:rounded-md file:border file:border-zinc-300 file:bg-white file:px-3 file:py-1.5 file:text-sm file:font-medium file:text-zinc-900 hover:file:bg-zinc-50 dark:text-zinc-300 dark:file:border-zinc-700 dark:file:bg-zinc-900 dark:file:text-zinc-100"
            />
          </div>
          <Button type="submit" variant="primary" pending={upload.isPending} disabled={!file}>
            <FileUp aria-hidden="true" />
            Reconcile
          </Button>
        </form>
        {upload.isError && (
          <div className="mt-4">
            <Alert title="The statement was not reconciled">{errorText(upload.error)}</Alert>
          </div>
        )}
      </Card>
      {/* The region is there before the result, so screen readers announce the summary when it comes. */}
      <div aria-live="polite" className="mt-6 empty:hidden">
        {upload.data && <Summary report={upload.data.report} file={upload.data.name} />}
      </div>
      {upload.data && (
        <div className="mt-6 space-y-6">
          {groups.length === 0 ? <p className="text-sm text-zinc-600 dark:text-zinc-400">The file holds no bookings.</p> : groups.map((group) => <ReportGroupTable key={group.key} group={group} />)}
        </div>
      )}
    </div>
  );
}
