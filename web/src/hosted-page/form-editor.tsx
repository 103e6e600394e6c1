// The page's form: its fields in order, what the button says, and what people see once they sent it.
// A new field's stored name follows its label; a saved field keeps its name, as its answers do.
import { useId } from 'react';
import { Plus } from 'lucide-react';
import { Button } from '../components/ui/button.tsx';
import { Field, Select, TextArea, TextInput } from '../components/ui/field.tsx';
import { UrlInput } from '../components/ui/url-input.tsx';
import { Toggle } from '../designer/inputs.tsx';
import { FIELD_TYPE_LABELS, type FieldDraft, type FieldType, fieldName, type FormDraft, moved, newField } from './draft.ts';
import { EditableRow, useRowFocus } from './row-controls.tsx';

const TYPES = Object.keys(FIELD_TYPE_LABELS) as FieldType[];
const HAS_PLACEHOLDER: readonly FieldType[] = ['text', 'textarea', 'email', 'tel', 'number'];

function FieldRow({
  field,
  fields,
  set,
  error,
  names,
  disabled,
}: {
  field: FieldDraft;
  fields: FieldDraft[];
  set: (next: Partial<FieldDraft>) => void;
  error: (property: string) => string | undefined;
  /** The page's names of a property (`form/fields/2/label`), for the problem summary's links. */
  names: (...properties: string[]) => string[];
  disabled?: boolean;
}) {
  return (
    <div className="space-y-4">
      <div className="grid gap-4 sm:grid-cols-[minmax(0,1fr)_13rem]">
        <Field
          label="Question"
          field={names('label', 'name')}
          hint={field.name ? `Answers are kept as “${field.name}” (the CSV column and the API's key).` : undefined}
          error={error('label') ?? error('name')}
        >
          {(props) => (
            <TextInput
              {...props}
              maxLength={200}
              disabled={disabled}
              value={field.label}
              onChange={(e) => set(field.stored ? { label: e.target.value } : { label: e.target.value, name: fieldName(e.target.value, fields, field.key) })}
            />
          )}
        </Field>
        <Field label="Answer" field={names('type')} error={error('type')}>
          {(props) => (
            // Length limits follow the type (the server's default for each): a changed type starts from its own.
            <Select
              {...props}
              disabled={disabled}
              value={field.type}
              onChange={(e) => {
                const type = e.target.value as FieldType;
                set({ type, max_length: null, options: type === 'select' ? (field.options ?? []) : field.options });
              }}
            >
              {TYPES.map((t) => (
                <option key={t} value={t}>
                  {FIELD_TYPE_LABELS[t]}
                </option>
              ))}
            </Select>
          )}
        </Field>
      </div>
      {field.type === 'select' && (
        <Field label="Choices" field={names('options', ...(field.options ?? []).map((_, i) => `options/${i}`))} hint="One per line." error={error('options')}>
          {(props) => <TextArea {...props} rows={4} disabled={disabled} value={(field.options ?? []).join('\n')} onChange={(e) => set({ options: e.target.value.split('\n') })} />}
        </Field>
      )}
      <div className="grid gap-4 sm:grid-cols-2">
        {HAS_PLACEHOLDER.includes(field.type) && (
          <Field label="Example answer" optional field={names('placeholder')} hint="Shown greyed out in the empty box." error={error('placeholder')}>
            {(props) => <TextInput {...props} maxLength={200} disabled={disabled} value={field.placeholder ?? ''} onChange={(e) => set({ placeholder: e.target.value })} />}
          </Field>
        )}
        <Field label="Help text" optional field={names('help_text')} hint="Shown under the question." error={error('help_text')}>
          {(props) => <TextInput {...props} maxLength={500} disabled={disabled} value={field.help_text ?? ''} onChange={(e) => set({ help_text: e.target.value })} />}
        </Field>
      </div>
      <Toggle label="An answer is required" checked={field.required} disabled={disabled} onChange={(required) => set({ required })} />
    </div>
  );
}

export function FormEditor({ form, onChange, errors, disabled }: { form: FormDraft; onChange: (form: FormDraft) => void; errors: Record<string, string>; disabled?: boolean }) {
  const fields = form.fields;
  const setFields = (next: FieldDraft[]) => onChange({ ...form, fields: next });
  const focus = useRowFocus<HTMLDivElement>();
  const addId = useId();
  const add = () => {
    const field = newField('', fields);
    setFields([...fields, field]);
    focus.focusRow(field.key);
  };
  return (
    <div ref={focus.ref} className="space-y-5">
      {fields.length === 0 ? (
        <p className="text-[13px] text-zinc-500 dark:text-zinc-400">A form needs at least one question.</p>
      ) : (
        <ol className="space-y-3">
          {fields.map((field, i) => {
            const name = `Question ${i + 1}`;
            const error = (property: string) => errors[`form/fields/${i}/${property}`] ?? (property === 'options' ? errors[`form/fields/${i}/options/0`] : undefined);
            return (
              <EditableRow
                key={field.key}
                rowKey={field.key}
                name={name}
                index={i}
                count={fields.length}
                disabled={disabled}
                onMove={(by) => setFields(moved(fields, i, by))}
                onRemove={() => {
                  setFields(fields.filter((_, j) => j !== i));
                  focus.focusRow(fields[i + 1]?.key ?? fields[i - 1]?.key ?? null);
                }}
              >
                <FieldRow
                  field={field}
                  fields={fields}
                  disabled={disabled}
                  error={error}
                  names={(...properties) => properties.map((property) => `form/fields/${i}/${property}`)}
                  set={(next) => setFields(fields.map((f, j) => (j === i ? { ...f, ...next } : f)))}
                />
              </EditableRow>
            );
          })}
        </ol>
      )}
      {/* The summary's "Form: add at least one question" links here, to the button that does it. */}
      <div data-field="form/fields" className="space-y-3">
        {errors['form/fields'] && (
          <p id={`${addId}-error`} className="text-[13px] text-red-700 dark:text-red-400">
            {errors['form/fields']}
          </p>
        )}
        {!disabled && fields.length < 30 && (
          <Button id={addId} size="sm" data-row-fallback onClick={add} aria-describedby={errors['form/fields'] ? `${addId}-error` : undefined}>
            <Plus aria-hidden="true" />
            Add a question
          </Button>
        )}
      </div>
      <div className="grid gap-4 border-t border-zinc-100 pt-5 sm:grid-cols-2 dark:border-zinc-800">
        <Field
          label="Button text"
          optional
          field="form/submit_label"
          hint={form.submit_label.trim() ? undefined : 'Left empty, it says “Send” in the page’s language.'}
          error={errors['form/submit_label']}
        >
          {(props) => <TextInput {...props} maxLength={60} disabled={disabled} value={form.submit_label} onChange={(e) => onChange({ ...form, submit_label: e.target.value })} />}
        </Field>
        <Field
          label="Thank-you message"
          optional
          field="form/success_message"
          hint={`Shown under the heading “Your answer has been sent” (in the page's language).${form.success_message.trim() ? '' : ' Left empty, it says “Thank you!” in that language.'}`}
          error={errors['form/success_message']}
        >
          {(props) => <TextInput {...props} maxLength={1000} disabled={disabled} value={form.success_message} onChange={(e) => onChange({ ...form, success_message: e.target.value })} />}
        </Field>
        <Field label="After sending, lead to" optional field="form/next_url" hint="The thank-you page then shows a button to this address." error={errors['form/next_url']}>
          {(props) => <UrlInput {...props} disabled={disabled} value={form.next_url ?? ''} onValueChange={(next_url) => onChange({ ...form, next_url })} placeholder="https://example.com/" />}
        </Field>
        {(form.next_url ?? '').trim() !== '' && (
          <Field label="That button's text" optional field="form/next_label" hint="“Continue” when empty." error={errors['form/next_label']}>
            {(props) => <TextInput {...props} maxLength={60} disabled={disabled} value={form.next_label ?? ''} onChange={(e) => onChange({ ...form, next_label: e.target.value })} />}
          </Field>
        )}
      </div>
    </div>
  );
}
