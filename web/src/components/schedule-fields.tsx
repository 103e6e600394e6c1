// When a campaign's code leads on: two optional local date-times. Outside the window the code
// shows a "not active yet" or "ended" page that says when (the server decides; this only edits).
import { campaignMessage } from '../campaigns/field-names.ts';
import { fromLocalInput, toLocalInput } from '../lib/dates.ts';
import { Field, TextInput } from './ui/field.tsx';

export interface ScheduleValue {
  active_from: string | null;
  active_until: string | null;
}

export function ScheduleFields({ value, onChange, errors, disabled }: { value: ScheduleValue; onChange: (next: ScheduleValue) => void; errors: Record<string, string>; disabled?: boolean }) {
  const zone = Intl.DateTimeFormat().resolvedOptions().timeZone;
  // The server names the other field by its API name ("must be later than active_from").
  const error = (field: 'active_from' | 'active_until') => (errors[field] ? campaignMessage(errors[field]) : undefined);
  return (
    <fieldset className="grid gap-4 sm:grid-cols-2">
      <legend className="mb-2 text-[13px] font-medium">Schedule</legend>
      <Field label="Starts" optional field="active_from" hint={`Before this, scans show when the campaign starts. Your time zone: ${zone}.`} error={error('active_from')}>
        {(props) => (
          <TextInput
            {...props}
            type="datetime-local"
            disabled={disabled}
            value={toLocalInput(value.active_from)}
            onChange={(e) => onChange({ ...value, active_from: fromLocalInput(e.target.value) })}
          />
        )}
      </Field>
      <Field label="Ends" optional field="active_until" hint="From then on, scans show that the campaign has ended." error={error('active_until')}>
        {(props) => (
          <TextInput
            {...props}
            type="datetime-local"
            disabled={disabled}
            value={toLocalInput(value.active_until)}
            onChange={(e) => onChange({ ...value, active_until: fromLocalInput(e.target.value) })}
          />
        )}
      </Field>
    </fieldset>
  );
}
