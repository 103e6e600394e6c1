// The door's scan box. A handheld or USB scanner types what it reads and presses Enter, so the
// field keeps focus, empties after each scan and never makes the next scan wait for the last
// answer: each scan is its own request, named by its own nonce, and the newest one is shown. A
// scan that failed is kept below with the way to send it again, as the same scan.
import { useQueryClient } from '@tanstack/react-query';
import { randomUuid, TesseraApiError } from '@tessera/client';
import { Camera, ScanLine } from 'lucide-react';
import { type FormEvent, useRef, useState } from 'react';
import { checkIn, doorKeyQuery, doorLogQuery, doorSummaryQuery } from '../api/checkins.ts';
import { errorText } from '../api/field-errors.ts';
import { useMutation } from '../api/mutation.ts';
import type { Checkin, CheckinBody } from '../api/types.ts';
import { ChipGroup } from '../designer/inputs.tsx';
import { Button } from '../components/ui/button.tsx';
import { Field, TextInput } from '../components/ui/field.tsx';
import { Card } from '../components/ui/misc.tsx';
import { cameraAvailable } from './camera-scan.ts';
import { CameraView } from './camera-view.tsx';
import { RECENT, type RecentAnswer, RecentAnswers } from './recent-answers.tsx';
import { type Failure, UnsentScans } from './unsent-scans.tsx';
import { ScanResult, type ScanOutcome } from './scan-result.tsx';
import { useGateName } from './use-gate-name.ts';
import { useDoorApi } from './door-api.tsx';
import { useScannerFocus } from './use-scanner-focus.ts';
import { useUnsentScans } from './use-unsent-scans.ts';

type Direction = CheckinBody['type'] & string;
const DIRECTIONS = ['entry', 'exit'] as const satisfies readonly Direction[];
const DIRECTION_LABEL: Record<Direction, string> = { entry: 'Entry', exit: 'Exit' };

interface Scan {
  body: CheckinBody;
  seq: number;
  retried: boolean;
}

export function ScanPanel({ batchId }: { batchId: string }) {
  const queryClient = useQueryClient();
  const door = useDoorApi();
  const input = useRef<HTMLInputElement>(null);
  const [gate, setGate] = useGateName();
  const [direction, setDirection] = useState<Direction>('entry');
  const [outcome, setOutcome] = useState<ScanOutcome | null>(null);
  const unsent = useUnsentScans(batchId);
  const [recent, setRecent] = useState<RecentAnswer[]>([]);
  const latest = useRef(0);
  const [camera, setCamera] = useState(false);
  const [canUseCamera] = useState(cameraAvailable);
  useScannerFocus(input);

  const scan = useMutation({
    mutationFn: ({ body }: Scan) => checkIn(door, body),
    inFlightKey: ({ body }) => body.nonce,
    // Offline, a paused scan would say "Checking…" until the network returned and then be sent
    // unseen: it fails at once instead, and waits in the list to be sent again.
    networkMode: 'always',
    onSuccess: (checkin: Checkin, { seq, retried }) => {
      setRecent((all) => [{ checkin }, ...all].slice(0, RECENT + 1));
      if (seq === latest.current) setOutcome({ kind: 'answer', checkin, retried, at: Date.now() });
      void queryClient.invalidateQueries({ queryKey: doorSummaryQuery(door, batchId).queryKey });
      void queryClient.invalidateQueries({ queryKey: doorLogQuery(door, batchId).queryKey });
    },
    onError: (error, { body, seq }) => {
      // A door link's key refused mid-shift (revoked, expired): ask again who the key is, so the
      // page says at once that the link no longer works, instead of showing the API's advice to
      // developers and a retry that cannot work until the figures' next refresh notices.
      if (door.viaLink && error instanceof TesseraApiError && (error.status === 401 || error.status === 403)) void queryClient.invalidateQueries({ queryKey: doorKeyQuery(door).queryKey });
      const failure: Failure = { nonce: body.nonce ?? '', body, message: errorText(error) };
      unsent.add(failure);
      if (seq === latest.current) setOutcome({ kind: 'failed', nonce: failure.nonce, message: failure.message, retry: () => retry(failure), at: Date.now() });
    },
  });

  const send = (body: CheckinBody, retried = false) => {
    latest.current += 1;
    setOutcome({ kind: 'pending' });
    scan.mutate({ seq: latest.current, body, retried });
  };
  const scanText = (payload: string) => send({ payload, type: direction, batch_id: batchId, scanner_id: gate.trim() || undefined, nonce: randomUuid() });
  // The same body and nonce: if the first attempt did reach Tessera, its answer comes back instead of "already used".
  const retry = (failure: Failure) => {
    input.current?.focus();
    unsent.remove(failure.nonce);
    send(failure.body, true);
  };

  const submit = (event: FormEvent) => {
    event.preventDefault();
    const payload = input.current?.value.trim() ?? '';
    input.current?.focus();
    if (!payload) return;
    if (input.current) input.current.value = '';
    scanText(payload);
  };

  // A scanner typing while the gate name had focus: the link goes where scans go, not into the name.
  const changeGate = (value: string) => {
    const link = value.search(/https?:\/\//i);
    if (link < 0) return setGate(value);
    setGate(value.slice(0, link));
    if (input.current) input.current.value = value.slice(link);
    input.current?.focus();
  };

  const shown = outcome?.kind === 'failed' ? outcome.nonce : null;
  return (
    <Card className="space-y-5 p-4 sm:p-5">
      {direction === 'exit' && (
        <p className="-mx-4 -mt-4 rounded-t-xl bg-amber-400 px-4 py-2 text-sm font-semibold text-zinc-950 sm:-mx-5 sm:-mt-5 sm:px-5">Exit: scans check people out. Switch to Entry to let people in.</p>
      )}
      <form onSubmit={submit} className="space-y-4" aria-label="Scan a ticket">
        <Field label="Scanned ticket" hint="Point the scanner at the ticket on the holder’s phone, or paste the link it shows, then press Enter.">
          {(props) => (
            <div className="flex gap-2">
              <TextInput
                {...props}
                ref={input}
                autoFocus
                autoComplete="off"
                autoCapitalize="off"
                spellCheck={false}
                inputMode="url"
                className="font-mono"
                placeholder="https://…"
                // A half-read scan is cleared before the next one is read onto its end.
                onKeyDown={(e) => {
                  if (e.key === 'Escape') e.currentTarget.value = '';
                }}
              />
              <Button type="submit" variant="primary">
                <ScanLine aria-hidden="true" />
                Check {direction === 'entry' ? 'in' : 'out'}
              </Button>
            </div>
          )}
        </Field>
        {camera ? (
          <CameraView onScan={scanText} onClose={() => setCamera(false)} />
        ) : (
          canUseCamera && (
            <Button size="sm" onClick={() => setCamera(true)}>
              <Camera aria-hidden="true" />
              Scan with this device’s camera
            </Button>
          )
        )}
      </form>
      {/* The answer right under what read the ticket: on a phone, the camera and the answer share the screen. */}
      <ScanResult outcome={outcome} />
      <RecentAnswers answers={recent.filter((r) => !(outcome?.kind === 'answer' && r.checkin.checkin_id === outcome.checkin.checkin_id))} />
      <UnsentScans failures={unsent.failures.filter((f) => f.nonce !== shown)} onRetry={retry} />
      <div className="flex flex-wrap items-start gap-x-6 gap-y-4 border-t border-zinc-200 pt-4 dark:border-zinc-800">
        <ChipGroup
          label="Direction"
          value={direction}
          options={DIRECTIONS}
          onChange={(next) => {
            setDirection(next);
            input.current?.focus();
          }}
          render={(d) => DIRECTION_LABEL[d]}
        />
        <Field label="Gate" optional hint="Shown in the log. Kept on this device." className="min-w-48 flex-1">
          {(props) => (
            <TextInput
              {...props}
              value={gate}
              maxLength={100}
              onChange={(e) => changeGate(e.target.value)}
              onKeyDown={(e) => {
                if (e.key !== 'Enter') return;
                e.preventDefault();
                input.current?.focus();
              }}
              placeholder="North door"
            />
          )}
        </Field>
      </div>
    </Card>
  );
}
