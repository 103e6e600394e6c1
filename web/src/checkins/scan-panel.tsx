// The door's scan box. A handheld or USB scanner types what it reads and presses Enter, so the
// field keeps focus, empties after each scan and never makes the next scan wait for the last
// answer: each scan is its own request, named by its own nonce, and the newest one is shown.
import { useQueryClient } from '@tanstack/react-query';
import { randomUuid } from '@tessera/client';
import { ScanLine } from 'lucide-react';
import { type FormEvent, useRef, useState } from 'react';
import { checkIn } from '../api/checkins.ts';
import { errorText } from '../api/field-errors.ts';
import { useMutation } from '../api/mutation.ts';
import type { Checkin, CheckinBody } from '../api/types.ts';
import { ChipGroup } from '../designer/inputs.tsx';
import { Button } from '../components/ui/button.tsx';
import { Field, TextInput } from '../components/ui/field.tsx';
import { Card } from '../components/ui/misc.tsx';
import { ScanResult, type ScanOutcome } from './scan-result.tsx';
import { useGateName } from './use-gate-name.ts';

type Direction = CheckinBody['type'] & string;
const DIRECTIONS = ['entry', 'exit'] as const satisfies readonly Direction[];
const DIRECTION_LABEL: Record<Direction, string> = { entry: 'Entry', exit: 'Exit' };

export function ScanPanel({ batchId }: { batchId: string }) {
  const queryClient = useQueryClient();
  const input = useRef<HTMLInputElement>(null);
  const [gate, setGate] = useGateName();
  const [direction, setDirection] = useState<Direction>('entry');
  const [outcome, setOutcome] = useState<ScanOutcome | null>(null);
  const latest = useRef(0);

  const scan = useMutation({
    mutationFn: ({ body }: { body: CheckinBody; seq: number }) => checkIn(body),
    inFlightKey: ({ body }) => body.nonce,
    onSuccess: (checkin: Checkin, { seq }) => {
      if (seq === latest.current) setOutcome({ kind: 'answer', checkin });
      void queryClient.invalidateQueries({ queryKey: ['checkins'] });
    },
    onError: (error, variables) => {
      if (variables.seq === latest.current) setOutcome({ kind: 'failed', message: errorText(error), retry: () => send(variables.body) });
    },
  });

  const send = (body: CheckinBody) => {
    input.current?.focus();
    latest.current += 1;
    setOutcome({ kind: 'pending' });
    scan.mutate({ seq: latest.current, body });
  };

  const submit = (event: FormEvent) => {
    event.preventDefault();
    const payload = input.current?.value.trim() ?? '';
    input.current?.focus();
    if (!payload) return;
    if (input.current) input.current.value = '';
    send({ payload, type: direction, batch_id: batchId, scanner_id: gate.trim() || undefined, nonce: randomUuid() });
  };

  return (
    <Card className="space-y-5 p-4 sm:p-5">
      <form onSubmit={submit} className="space-y-4" aria-label="Scan a ticket">
        <Field label="Scanned ticket" hint="Point the scanner at the ticket on the holder’s phone, or paste the link it shows, then press Enter.">
          {(props) => (
            <div className="flex gap-2">
              <TextInput {...props} ref={input} autoFocus autoComplete="off" autoCapitalize="off" spellCheck={false} inputMode="url" className="font-mono" placeholder="https://…" />
              <Button type="submit" variant="primary">
                <ScanLine aria-hidden="true" />
                Check {direction === 'entry' ? 'in' : 'out'}
              </Button>
            </div>
          )}
        </Field>
        <div className="flex flex-wrap items-end gap-x-6 gap-y-4">
          <ChipGroup label="Direction" value={direction} options={DIRECTIONS} onChange={setDirection} render={(d) => DIRECTION_LABEL[d]} />
          <Field label="Gate" optional hint="Shown in the log. Kept on this device." className="min-w-48 flex-1">
            {(props) => <TextInput {...props} value={gate} maxLength={100} onChange={(e) => setGate(e.target.value)} placeholder="North door" />}
          </Field>
        </div>
      </form>
      <ScanResult outcome={outcome} />
    </Card>
  );
}
