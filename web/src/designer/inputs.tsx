// Inputs of the designer: option chips (a radio group), colour pickers with a hex field, a slider.
import { useId, useState, useEffect, type ReactNode } from 'react';
import { cn } from '../components/ui/cn.ts';
import { fieldNames } from '../components/ui/field.tsx';

/** A labelled group of mutually exclusive options, drawn as chips; arrow keys move between them. */
export function ChipGroup<T extends string>({
  label,
  value,
  options,
  onChange,
  render,
  disabled,
}: {
  label: string;
  value: T;
  options: readonly T[];
  onChange: (value: T) => void;
  render?: (option: T) => ReactNode;
  disabled?: boolean;
}) {
  const name = useId();
  return (
    <fieldset disabled={disabled}>
      <legend className="mb-2 text-[13px] font-medium text-zinc-800 dark:text-zinc-200">{label}</legend>
      <div className="flex flex-wrap gap-1.5">
        {options.map((option) => (
          <label
            key={option}
            className={cn(
              'relative inline-flex min-h-8 cursor-pointer items-center gap-1.5 rounded-md border px-2.5 text-[13px] transition-colors max-sm:min-h-11',
              'has-[:focus-visible]:outline-2 has-[:focus-visible]:outline-offset-2 has-[:focus-visible]:outline-accent',
              value === option
                ? 'border-accent bg-accent-soft font-medium text-accent-ink'
                : 'border-zinc-200 bg-white text-zinc-700 hover:border-zinc-300 dark:border-zinc-700 dark:bg-zinc-900 dark:text-zinc-300',
            )}
          >
            <input type="radio" name={name} value={option} checked={value === option} onChange={() => onChange(option)} className="sr-only" />
            {render ? render(option) : option}
          </label>
        ))}
      </div>
    </fieldset>
  );
}

/** The picker's #rrggbb for a typed colour (#rgb, #rgba, #rrggbb, #rrggbbaa), or null while it is not one. */
function pickerHex(value: string): string | null {
  if (/^#[0-9a-f]{6}([0-9a-f]{2})?$/i.test(value)) return value.slice(0, 7).toLowerCase();
  if (/^#[0-9a-f]{3}([0-9a-f])?$/i.test(value)) return `#${value[1]}${value[1]}${value[2]}${value[2]}${value[3]}${value[3]}`.toLowerCase();
  return null;
}

/** A colour: the system picker plus a hex field for exact values (#rgb, #rrggbb, with alpha). */
export function ColorInput({
  label,
  value,
  onChange,
  error,
  disabled,
  field,
}: {
  label: string;
  value: string;
  onChange: (value: string) => void;
  error?: string;
  disabled?: boolean;
  /** The API's name for this colour (`theme/text_color`): the problem summary links its problems here. */
  field?: string | readonly string[];
}) {
  const id = useId();
  const [text, setText] = useState(value);
  useEffect(() => setText(value), [value]);
  // While the hex field holds something unfinished or wrong, the swatch keeps the last colour that
  // was one (it showed black, as if black had been chosen).
  const [lastColour, setLastColour] = useState(() => pickerHex(value) ?? '#000000');
  useEffect(() => {
    const hex = pickerHex(value);
    if (hex) setLastColour(hex);
  }, [value]);
  const pickerValue = pickerHex(value) ?? lastColour;
  return (
    <div data-field={fieldNames(field)}>
      <label htmlFor={`${id}-hex`} className="mb-1.5 block text-[13px] font-medium text-zinc-800 dark:text-zinc-200">
        {label}
      </label>
      <div className="flex items-center gap-2">
        <input
          type="color"
          aria-label={`${label}: pick a colour`}
          value={pickerValue}
          disabled={disabled}
          onChange={(e) => onChange(e.target.value)}
          className="h-9 w-11 shrink-0 cursor-pointer rounded-md border border-zinc-300 bg-white p-1 max-sm:h-11 dark:border-zinc-700 dark:bg-zinc-900"
        />
        <input
          id={`${id}-hex`}
          value={text}
          disabled={disabled}
          spellCheck={false}
          aria-invalid={error ? true : undefined}
          aria-describedby={error ? `${id}-error` : undefined}
          onChange={(e) => {
            setText(e.target.value);
            onChange(e.target.value.trim());
          }}
          className={cn(
            'h-9 w-full min-w-0 rounded-md border bg-white px-2.5 font-mono text-[13px] uppercase shadow-xs focus-visible:outline-2 focus-visible:outline-offset-0 focus-visible:outline-accent max-sm:h-11 dark:bg-zinc-900',
            error ? 'border-red-500' : 'border-zinc-300 dark:border-zinc-700',
          )}
        />
      </div>
      {error && (
        <p id={`${id}-error`} className="mt-1 text-[13px] text-red-700 dark:text-red-400">
          {error}
        </p>
      )}
    </div>
  );
}

/** A labelled range with its value shown. */
export function Slider({
  label,
  value,
  min,
  max,
  step = 1,
  onChange,
  format = String,
  disabled,
}: {
  label: string;
  value: number;
  min: number;
  max: number;
  step?: number;
  onChange: (value: number) => void;
  format?: (value: number) => string;
  disabled?: boolean;
}) {
  const id = useId();
  return (
    <div>
      <div className="mb-1.5 flex items-baseline justify-between">
        <label htmlFor={id} className="text-[13px] font-medium text-zinc-800 dark:text-zinc-200">
          {label}
        </label>
        <output htmlFor={id} className="tabular text-[13px] text-zinc-600 dark:text-zinc-400">
          {format(value)}
        </output>
      </div>
      <input id={id} type="range" min={min} max={max} step={step} value={value} disabled={disabled} onChange={(e) => onChange(Number(e.target.value))} className="w-full accent-accent max-sm:h-11" />
    </div>
  );
}

/** A checkbox with a label and an optional hint. */
export function Toggle({ label, checked, onChange, hint, disabled }: { label: string; checked: boolean; onChange: (checked: boolean) => void; hint?: string; disabled?: boolean }) {
  const id = useId();
  return (
    <div className="flex items-start gap-2.5">
      <input
        id={id}
        type="checkbox"
        checked={checked}
        disabled={disabled}
        onChange={(e) => onChange(e.target.checked)}
        aria-describedby={hint ? `${id}-hint` : undefined}
        className="mt-0.5 size-4 shrink-0 accent-accent max-sm:size-5"
      />
      <div>
        {/* On a phone the label is the 44 px touch target: padding outside the line, margins giving the room back. */}
        <label htmlFor={id} className="text-[13px] font-medium text-zinc-800 max-sm:-my-3.5 max-sm:block max-sm:py-3.5 dark:text-zinc-200">
          {label}
        </label>
        {hint && (
          <p id={`${id}-hint`} className="text-[13px] text-zinc-500 dark:text-zinc-400">
            {hint}
          </p>
        )}
      </div>
    </div>
  );
}

/** A titled group of controls. */
export function Section({ title, children }: { title: string; children: ReactNode }) {
  return (
    <section className="border-t border-zinc-200 px-5 py-5 first:border-t-0 dark:border-zinc-800">
      <h3 className="mb-4 text-sm font-semibold">{title}</h3>
      <div className="space-y-4">{children}</div>
    </section>
  );
}
