// The payee details payment codes carry, per scheme: a scheme is accepted when its section is on.
// The server checks every field (IBAN checksum, QR-IBAN, BIC, Pix key, UPI address) and names
// each problem; they show beside their fields.
import { useQueryClient } from '@tanstack/react-query';
import { useMutation } from '../api/mutation.ts';
import { Save } from 'lucide-react';
import { type FormEvent, type ReactNode, useRef, useState } from 'react';
import { fieldMessages } from '../api/field-errors.ts';
import { ProblemSummary } from '../components/problem-summary.tsx';
import { type PayeeProfile, type PaymentProfile, paymentProfileQuery, savePaymentProfile } from '../api/payments.ts';
import { Button } from '../components/ui/button.tsx';
import { Field, TextInput } from '../components/ui/field.tsx';
import { Card } from '../components/ui/misc.tsx';
import { toast } from '../components/ui/toast.tsx';
import { SCHEME } from './labels.ts';

type Scheme = keyof typeof SCHEME;
/** Every field as text, by scheme; `on` says whether the scheme is accepted. */
type Draft = Record<Scheme, { on: boolean; values: Record<string, string> }>;

interface FieldSpec {
  name: string;
  label: string;
  hint?: string;
  optional?: boolean;
  maxLength: number;
}

const FIELDS: Record<Scheme, FieldSpec[]> = {
  sepa: [
    { name: 'name', label: 'Account holder', maxLength: 70 },
    { name: 'iban', label: 'IBAN', maxLength: 50 },
    { name: 'bic', label: 'BIC', optional: true, hint: 'Needed only for payers outside the EEA.', maxLength: 11 },
  ],
  swiss_qr: [
    { name: 'name', label: 'Account holder', maxLength: 70 },
    { name: 'iban', label: 'IBAN or QR-IBAN', hint: 'A QR-IBAN gets 27-digit QR references, a plain IBAN creditor references (RF…).', maxLength: 50 },
    { name: 'address.street', label: 'Street', maxLength: 70 },
    { name: 'address.building_number', label: 'Number', optional: true, maxLength: 16 },
    { name: 'address.postcode', label: 'Postcode', maxLength: 16 },
    { name: 'address.town', label: 'Town', maxLength: 35 },
    { name: 'address.country', label: 'Country', hint: 'Two letters, e.g. CH.', maxLength: 2 },
  ],
  pix: [
    { name: 'key', label: 'Pix key', hint: 'CPF, CNPJ, e-mail, +55 phone or random key.', maxLength: 100 },
    { name: 'merchant_name', label: 'Merchant name', maxLength: 25 },
    { name: 'city', label: 'City', maxLength: 15 },
  ],
  upi: [
    { name: 'vpa', label: 'UPI ID', hint: 'name@bank', maxLength: 255 },
    { name: 'payee_name', label: 'Payee name', maxLength: 99 },
  ],
};

const SCHEMES = Object.keys(FIELDS) as Scheme[];

function read(obj: unknown, path: string): string {
  const value = path.split('.').reduce<unknown>((o, k) => (o && typeof o === 'object' ? (o as Record<string, unknown>)[k] : undefined), obj);
  return typeof value === 'string' ? value : '';
}

// The server stores IBANs without spaces; people read and compare them in groups of four.
const shown = (field: string, value: string) => (field === 'iban' ? value.replace(/(.{4})(?=.)/g, '$1 ') : value);

function toDraft(saved: PaymentProfile): Draft {
  const profile = saved.profile as Record<string, unknown>;
  return Object.fromEntries(SCHEMES.map((s) => [s, { on: saved.schemes.includes(s), values: Object.fromEntries(FIELDS[s].map((f) => [f.name, shown(f.name, read(profile[s], f.name))])) }])) as Draft;
}

/** The PUT body: accepted schemes with their filled fields (nested where the name has a dot). */
function toProfile(draft: Draft): PayeeProfile {
  const out: Record<string, unknown> = {};
  for (const s of SCHEMES) {
    if (!draft[s].on) continue;
    const payee: Record<string, unknown> = {};
    for (const f of FIELDS[s]) {
      const value = draft[s].values[f.name]!.trim();
      if (value === '' && f.optional) continue;
      const [head, tail] = f.name.split('.') as [string, string | undefined];
      if (tail) payee[head] = { ...((payee[head] as object | undefined) ?? {}), [tail]: value };
      else payee[head] = value;
    }
    if (s === 'swiss_qr') payee.address = { type: 'S', ...(payee.address as object) };
    out[s] = payee;
  }
  return out as PayeeProfile;
}

/** The API's name for a field (`sepa/iban`, `swiss_qr/address/town`), as its problems name it. */
const fieldKey = (s: Scheme, f: FieldSpec) => `${s}/${f.name.replace('.', '/')}`;

/** Where a field stands in the form, for listing its problems in that order (GOV.UK's error summary). */
const FORM_ORDER: readonly string[] = SCHEMES.flatMap((s) => FIELDS[s].map((f) => fieldKey(s, f)));
const formPosition = (key: string) => {
  const at = FORM_ORDER.indexOf(key);
  return at === -1 ? FORM_ORDER.length : at;
};

/** A problem in the summary, named by its section and label: "SEPA transfer, IBAN: …". */
function describeProblem(key: string, message: string): string {
  for (const s of SCHEMES) {
    const f = FIELDS[s].find((spec) => fieldKey(s, spec) === key);
    if (f) return `${SCHEME[s]}, ${f.label}: ${message}`;
  }
  return message;
}

function Section({ title, on, onToggle, children }: { title: string; on: boolean; onToggle: (on: boolean) => void; children: ReactNode }) {
  return (
    <fieldset className="space-y-4 border-t border-zinc-100 pt-4 first:border-t-0 first:pt-0 dark:border-zinc-800">
      <legend className="sr-only">{title}</legend>
      {/* On a phone the label is the 44 px touch target around its checkbox (UI.md). */}
      <label className="flex items-center gap-2 text-sm font-medium max-sm:min-h-11">
        <input type="checkbox" checked={on} onChange={(e) => onToggle(e.target.checked)} className="size-4 accent-[var(--color-accent)] max-sm:size-5" />
        Accept {title}
      </label>
      {on && <div className="grid gap-4 sm:grid-cols-2">{children}</div>}
    </fieldset>
  );
}

export function PayeeForm({ saved }: { saved: PaymentProfile }) {
  const queryClient = useQueryClient();
  const [draft, setDraft] = useState(() => toDraft(saved));
  // What the last save sent: edits made while it was on its way are kept, not replaced by its answer.
  const sent = useRef(draft);
  const save = useMutation({
    mutationFn: () => {
      sent.current = draft;
      return savePaymentProfile(toProfile(draft));
    },
    onSuccess: (stored) => {
      queryClient.setQueryData(paymentProfileQuery.queryKey, stored);
      setDraft((now) => (now === sent.current ? toDraft(stored) : now));
      toast('Payee details saved');
    },
  });
  const errors = fieldMessages(save.error);
  const set = (s: Scheme, patch: Partial<Draft[Scheme]>) => setDraft((d) => ({ ...d, [s]: { ...d[s], ...patch } }));
  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    save.mutate();
  };
  return (
    <form onSubmit={onSubmit} noValidate>
      <Card className="space-y-4 p-5">
        {save.isError && (
          <ProblemSummary
            error={save.error}
            notSaved="The payee details were not saved"
            problems={Object.entries(errors)
              .sort(([a], [b]) => formPosition(a) - formPosition(b))
              .map(([key, message]) => [key, describeProblem(key, message)])}
          />
        )}
        {SCHEMES.map((s) => (
          <Section key={s} title={SCHEME[s]} on={draft[s].on} onToggle={(on) => set(s, { on })}>
            {FIELDS[s].map((f) => (
              <Field key={f.name} field={fieldKey(s, f)} label={f.label} hint={f.hint} optional={f.optional} error={errors[fieldKey(s, f)]}>
                {(props) => (
                  <TextInput
                    {...props}
                    maxLength={f.maxLength}
                    value={draft[s].values[f.name]}
                    onChange={(e) => set(s, { values: { ...draft[s].values, [f.name]: e.target.value } })}
                    spellCheck={false}
                  />
                )}
              </Field>
            ))}
          </Section>
        ))}
        <div className="flex justify-end">
          <Button type="submit" variant="primary" pending={save.isPending}>
            <Save aria-hidden="true" />
            Save payee details
          </Button>
        </div>
      </Card>
    </form>
  );
}
