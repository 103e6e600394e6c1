// Marking a payment paid by hand (with a note of how the money came) and cancelling one: both
// asked in a dialog, both only for a payment still waiting (or, for marking paid, expired). A test
// payment can also be settled as its bank would settle it, to try the webhooks that follow.
import { useQueryClient } from '@tanstack/react-query';
import { useMutation } from '../api/mutation.ts';
import { FlaskConical } from 'lucide-react';
import { type FormEvent, useRef, useState } from 'react';
import { errorText, fieldMessages } from '../api/field-errors.ts';
import { cancelPayment, markPaid, type Payment, simulatePayment } from '../api/payments.ts';
import { Button } from '../components/ui/button.tsx';
import { ConfirmDialog, Dialog } from '../components/ui/dialog.tsx';
import { Field, TextArea } from '../components/ui/field.tsx';
import { Alert } from '../components/ui/misc.tsx';
import { toast } from '../components/ui/toast.tsx';
import { money } from './labels.ts';

export function MarkPaidDialog({ payment, open, onOpenChange }: { payment: Payment; open: boolean; onOpenChange: (open: boolean) => void }) {
  const queryClient = useQueryClient();
  const [note, setNote] = useState('');
  // Pressed with no note: said beside the field, as every form does, rather than a button that
  // stays grey without saying why.
  const [noteMissing, setNoteMissing] = useState(false);
  const form = useRef<HTMLFormElement>(null);
  const late = payment.status === 'expired';
  const mark = useMutation({
    mutationFn: () => markPaid(payment, note.trim(), late),
    onSuccess: () => {
      void queryClient.invalidateQueries({ queryKey: ['payments'] });
      toast(`${payment.reference} marked paid`);
      onOpenChange(false);
    },
  });
  const fields = fieldMessages(mark.error);
  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    if (note.trim() === '') {
      setNoteMissing(true);
      form.current?.querySelector('textarea')?.focus();
      return;
    }
    mark.mutate();
  };
  return (
    <Dialog
      open={open}
      onOpenChange={(o) => {
        onOpenChange(o);
        if (!o) {
          mark.reset();
          setNoteMissing(false);
        }
      }}
      title={`Mark ${payment.reference} paid?`}
      description={`${money(payment)} arrived another way than through the code. ${late ? 'It expired before the money came: it will show as paid late. ' : ''}Your webhooks are told it was paid, as for a payment the bank confirmed.`}
    >
      <form ref={form} onSubmit={onSubmit} noValidate className="space-y-4">
        {mark.error && !fields.note && <Alert>{errorText(mark.error)}</Alert>}
        <Field
          label="How the money came"
          hint="Kept with the payment and your name, e.g. “Cash at the counter”."
          error={fields.note ?? (noteMissing ? 'Say how the money came before marking it paid.' : undefined)}
        >
          {(props) => (
            <TextArea
              {...props}
              required
              maxLength={500}
              rows={3}
              value={note}
              onChange={(e) => {
                setNote(e.target.value);
                setNoteMissing(false);
              }}
            />
          )}
        </Field>
        <div className="flex justify-end gap-2">
          <Button onClick={() => onOpenChange(false)}>Cancel</Button>
          <Button type="submit" variant="primary" pending={mark.isPending}>
            Mark paid
          </Button>
        </div>
      </form>
    </Dialog>
  );
}

export function CancelPaymentDialog({ payment, open, onOpenChange }: { payment: Payment; open: boolean; onOpenChange: (open: boolean) => void }) {
  const queryClient = useQueryClient();
  const cancel = useMutation({
    mutationFn: () => cancelPayment(payment),
    onSuccess: () => {
      void queryClient.invalidateQueries({ queryKey: ['payments'] });
      toast(`${payment.reference} cancelled`);
      onOpenChange(false);
    },
  });
  return (
    <ConfirmDialog
      open={open}
      onOpenChange={(o) => {
        onOpenChange(o);
        if (!o) cancel.reset();
      }}
      title={`Cancel ${payment.reference}?`}
      description={
        <>
          The code and pay page stop asking for {money(payment)}: people who open it see that it was cancelled. A transfer made anyway is flagged when your bank statement is reconciled.
          {cancel.error && <span className="mt-2 block text-red-700 dark:text-red-400">{errorText(cancel.error)}</span>}
        </>
      }
      confirmLabel="Cancel payment"
      // "Cancel" beside "Cancel payment" reads as the same action: say that this one keeps it.
      cancelLabel="Keep it open"
      pending={cancel.isPending}
      onConfirm={() => cancel.mutate()}
    />
  );
}

/** A pending test payment: succeed or fail it as the bank would (the same event as a real one). */
export function SimulateButtons({ payment }: { payment: Payment }) {
  const queryClient = useQueryClient();
  const simulate = useMutation({
    mutationFn: (outcome: 'succeeded' | 'failed') => simulatePayment(payment, outcome),
    onSuccess: (settled) => {
      void queryClient.invalidateQueries({ queryKey: ['payments'] });
      toast(`${payment.reference}: the bank ${settled.status === 'succeeded' ? 'paid it' : 'refused it'} (simulated)`);
    },
  });
  return (
    <>
      <Button size="sm" pending={simulate.isPending && simulate.variables === 'succeeded'} disabled={simulate.isPending} onClick={() => simulate.mutate('succeeded')}>
        <FlaskConical aria-hidden="true" />
        Simulate paid
      </Button>
      <Button size="sm" pending={simulate.isPending && simulate.variables === 'failed'} disabled={simulate.isPending} onClick={() => simulate.mutate('failed')}>
        <FlaskConical aria-hidden="true" />
        Simulate failed
      </Button>
      {simulate.error && (
        <p role="alert" className="basis-full text-[13px] text-red-700 dark:text-red-400">
          {errorText(simulate.error)}
        </p>
      )}
    </>
  );
}
