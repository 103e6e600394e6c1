// A payment request made by hand, as a shop's server makes one through payments/init: a till
// without an integration, a one-off invoice, or trying the test view. The server checks amounts,
// references and the payee; this form only turns "12.50" into minor units and says what it sent.
import { useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useRef, useState } from 'react';
import { SCHEME_CURRENCIES } from '../../../src/modules/payments/scheme-currencies.ts';
import { errorText, fieldMessages } from '../api/field-errors.ts';
import { useMutation } from '../api/mutation.ts';
import { createPayment, type NewPayment, type Payment, type PaymentMode } from '../api/payments.ts';
import { Button } from '../components/ui/button.tsx';
import { Dialog } from '../components/ui/dialog.tsx';
import { Field, Select, TextInput } from '../components/ui/field.tsx';
import { Alert } from '../components/ui/misc.tsx';
import { toast } from '../components/ui/toast.tsx';
import { amountLimitProblem, amountProblem as whatIsWrongWith, minorUnits } from './amount-input.ts';
import { money, SCHEME } from './labels.ts';
import { randomUuid } from '@tessera/client';

type Scheme = NewPayment['scheme'];

// What each scheme pays in: the server's own list (it refuses any other).
const CURRENCIES: Readonly<Record<Scheme, readonly string[]>> = SCHEME_CURRENCIES;

const EXPIRY = [
  { seconds: 15 * 60, label: 'In 15 minutes' },
  { seconds: 3600, label: 'In an hour' },
  { seconds: 24 * 3600, label: 'In a day' },
  { seconds: 7 * 24 * 3600, label: 'In a week' },
  { seconds: 30 * 24 * 3600, label: 'In 30 days' },
] as const;

export function NewPaymentDialog({
  schemes,
  mode,
  open,
  onOpenChange,
  onCreated,
}: {
  schemes: readonly Scheme[];
  mode: PaymentMode;
  open: boolean;
  onOpenChange: (open: boolean) => void;
  onCreated: (payment: Payment) => void;
}) {
  const queryClient = useQueryClient();
  const [scheme, setScheme] = useState<Scheme>(schemes[0] ?? 'sepa');
  const [currency, setCurrency] = useState(CURRENCIES[scheme][0]!);
  const [amount, setAmount] = useState('');
  const [reference, setReference] = useState('');
  const [description, setDescription] = useState('');
  const [expiresIn, setExpiresIn] = useState<number>(24 * 3600);
  const [amountProblem, setAmountProblem] = useState<string | null>(null);
  const [referenceProblem, setReferenceProblem] = useState<string | null>(null);
  // One key per request as filled in: pressing again after a dropped answer returns the same payment.
  const idempotencyKey = useRef<string | null>(null);
  const amountInput = useRef<HTMLInputElement>(null);
  const referenceInput = useRef<HTMLInputElement>(null);
  const create = useMutation({
    mutationFn: (body: NewPayment) => {
      idempotencyKey.current ??= randomUuid();
      return createPayment(body, mode, idempotencyKey.current);
    },
    onSuccess: (payment) => {
      void queryClient.invalidateQueries({ queryKey: ['payments'] });
      toast(`Payment request ${payment.reference} created`);
      close();
      onCreated(payment);
    },
  });
  const changed = () => {
    idempotencyKey.current = null;
    create.reset();
  };
  const close = () => {
    onOpenChange(false);
    setAmount('');
    setReference('');
    setDescription('');
    setAmountProblem(null);
    setReferenceProblem(null);
    changed();
  };
  const fields = fieldMessages(create.error);
  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    // The button stays enabled (UI.md): pressing it says, beside each field, what is missing.
    const minor = minorUnits(amount);
    const amountWrong = minor === null ? whatIsWrongWith(amount) : amountLimitProblem(minor, currency);
    const referenceWrong = reference.trim() === '' ? 'Enter your order or invoice number.' : null;
    setAmountProblem(amountWrong);
    setReferenceProblem(referenceWrong);
    if (minor === null || amountWrong || referenceWrong) {
      (amountWrong ? amountInput : referenceInput).current?.focus();
      return;
    }
    create.mutate({ scheme, currency, amount: minor, reference: reference.trim(), ...(description.trim() ? { description: description.trim() } : {}), expires_in: expiresIn });
  };
  const minor = minorUnits(amount);
  const otherProblem = create.error && !fields.amount && !fields.currency && !fields.reference && !fields.description && !fields.scheme;
  return (
    <Dialog
      open={open}
      onOpenChange={(o) => (o ? onOpenChange(true) : close())}
      title={mode === 'test' ? 'New test payment request' : 'New payment request'}
      description={
        mode === 'test'
          ? 'A test payment: no money moves. Settle it with Simulate paid or failed to see what your systems receive.'
          : 'A code people pay with in their banking app, to your payee details. Your systems hear of it as they would of one they made.'
      }
    >
      <form onSubmit={onSubmit} noValidate className="space-y-4">
        {otherProblem && <Alert>{errorText(create.error)}</Alert>}
        <div className="grid gap-4 sm:grid-cols-2">
          <Field label="Paid by" error={fields.scheme}>
            {(props) => (
              <Select
                {...props}
                value={scheme}
                onChange={(e) => {
                  const next = e.target.value as Scheme;
                  setScheme(next);
                  setCurrency(CURRENCIES[next][0]!);
                  changed();
                }}
              >
                {schemes.map((s) => (
                  <option key={s} value={s}>
                    {SCHEME[s]}
                  </option>
                ))}
              </Select>
            )}
          </Field>
          <Field label="Amount" hint={minor !== null ? money({ amount: minor, currency }) : undefined} error={amountProblem ?? fields.amount ?? fields.currency}>
            {(props) => (
              <div className="flex gap-2">
                <TextInput
                  {...props}
                  ref={amountInput}
                  inputMode="decimal"
                  autoComplete="off"
                  required
                  value={amount}
                  placeholder="12.50"
                  onChange={(e) => {
                    setAmount(e.target.value);
                    setAmountProblem(null);
                    changed();
                  }}
                />
                {CURRENCIES[scheme].length > 1 ? (
                  // Sized by its wrapper: the control's own w-full would win over a width class and
                  // squeeze the amount to a sliver.
                  <div className="w-24 shrink-0">
                    <Select
                      aria-label="Currency"
                      value={currency}
                      onChange={(e) => {
                        setCurrency(e.target.value);
                        changed();
                      }}
                    >
                      {CURRENCIES[scheme].map((c) => (
                        <option key={c}>{c}</option>
                      ))}
                    </Select>
                  </div>
                ) : (
                  <span className="shrink-0 self-center text-sm text-zinc-600 dark:text-zinc-400">{currency}</span>
                )}
              </div>
            )}
          </Field>
        </div>
        <Field label="Order reference" hint="Your order or invoice number; the payment's own reference is made from it." error={referenceProblem ?? fields.reference}>
          {(props) => (
            <TextInput
              {...props}
              ref={referenceInput}
              required
              maxLength={100}
              autoComplete="off"
              value={reference}
              onChange={(e) => {
                setReference(e.target.value);
                setReferenceProblem(null);
                changed();
              }}
            />
          )}
        </Field>
        <Field label="What it is for" optional hint="Shown to the payer where the scheme has room for it." error={fields.description}>
          {(props) => (
            <TextInput
              {...props}
              maxLength={140}
              value={description}
              onChange={(e) => {
                setDescription(e.target.value);
                changed();
              }}
            />
          )}
        </Field>
        <Field label="Expires" error={fields.expires_in}>
          {(props) => (
            <Select
              {...props}
              value={String(expiresIn)}
              onChange={(e) => {
                setExpiresIn(Number(e.target.value));
                changed();
              }}
            >
              {EXPIRY.map((choice) => (
                <option key={choice.seconds} value={choice.seconds}>
                  {choice.label}
                </option>
              ))}
            </Select>
          )}
        </Field>
        <div className="flex justify-end gap-2 pt-1">
          <Button onClick={close}>Cancel</Button>
          <Button type="submit" variant="primary" pending={create.isPending}>
            Create payment request
          </Button>
        </div>
      </form>
    </Dialog>
  );
}
