import { forwardRef, useId, type InputHTMLAttributes, type ReactNode, type SelectHTMLAttributes, type TextareaHTMLAttributes } from 'react';
import { cn } from './cn.ts';

const control =
  'block w-full rounded-md border bg-white px-3 text-sm text-zinc-900 shadow-xs placeholder:text-zinc-400 transition-colors focus-visible:outline-2 focus-visible:outline-offset-0 focus-visible:outline-accent disabled:bg-zinc-50 disabled:text-zinc-500 dark:bg-zinc-900 dark:text-zinc-100 dark:placeholder:text-zinc-500 dark:disabled:bg-zinc-800';
const okBorder = 'border-zinc-300 dark:border-zinc-700';
const badBorder = 'border-red-500 dark:border-red-500';

/** The `data-field` of an element standing for `field` (names separated by spaces). */
export function fieldNames(field: string | readonly string[] | undefined): string | undefined {
  return typeof field === 'string' ? field : field?.join(' ');
}

/**
 * The control of the field marked `field` inside `scope` (see Field's `field`; one element may
 * stand for several names): the one its label names, else its first input, else its first button
 * (a list's "Add a question" when the problem is that the list is empty). Null when that field
 * is not on the page.
 */
export function fieldControl(scope: ParentNode, field: string): HTMLElement | null {
  const wrapper = scope.querySelector<HTMLElement>(`[data-field~="${CSS.escape(field)}"]`);
  if (!wrapper) return null;
  const label = wrapper.querySelector<HTMLLabelElement>('label[for]');
  const named = label ? wrapper.ownerDocument.getElementById(label.htmlFor) : null;
  return named ?? wrapper.querySelector<HTMLElement>('input:not([type="hidden"]), select, textarea') ?? wrapper.querySelector<HTMLElement>('button:not([disabled])');
}

/** Label, control, hint and error, wired together for screen readers (aria-describedby, aria-invalid). */
export function Field({
  label,
  hint,
  error,
  className,
  children,
  optional,
  field,
}: {
  label: ReactNode;
  hint?: ReactNode;
  error?: string;
  className?: string;
  optional?: boolean;
  /** The API's names for what this edits (`active_from`, `blocks/0/url`): the problem summary links their problems here. */
  field?: string | readonly string[];
  children: (props: { id: string; 'aria-describedby'?: string; 'aria-invalid'?: boolean }) => ReactNode;
}) {
  const id = useId();
  const hintId = hint ? `${id}-hint` : undefined;
  const errorId = error ? `${id}-error` : undefined;
  const describedBy = [errorId, hintId].filter(Boolean).join(' ') || undefined;
  return (
    <div className={cn('space-y-1.5', className)} data-field={fieldNames(field)}>
      <label htmlFor={id} className="block text-[13px] font-medium text-zinc-800 dark:text-zinc-200">
        {label}
        {/* A real space, not a margin: the accessible name reads "Starts (optional)". */}
        {optional && (
          <>
            {' '}
            <span className="font-normal text-zinc-500 dark:text-zinc-400">(optional)</span>
          </>
        )}
      </label>
      {children({ id, 'aria-describedby': describedBy, 'aria-invalid': error ? true : undefined })}
      {error && (
        <p id={errorId} className="text-[13px] text-red-700 dark:text-red-400">
          {error}
        </p>
      )}
      {hint && (
        <p id={hintId} className="text-[13px] text-zinc-500 dark:text-zinc-400">
          {hint}
        </p>
      )}
    </div>
  );
}

export const TextInput = forwardRef<HTMLInputElement, InputHTMLAttributes<HTMLInputElement>>(function TextInput({ className, ...rest }, ref) {
  return <input ref={ref} className={cn(control, 'h-9 max-sm:h-11', rest['aria-invalid'] ? badBorder : okBorder, className)} {...rest} />;
});

export const TextArea = forwardRef<HTMLTextAreaElement, TextareaHTMLAttributes<HTMLTextAreaElement>>(function TextArea({ className, ...rest }, ref) {
  return <textarea ref={ref} className={cn(control, 'py-2 leading-relaxed', rest['aria-invalid'] ? badBorder : okBorder, className)} {...rest} />;
});

export const Select = forwardRef<HTMLSelectElement, SelectHTMLAttributes<HTMLSelectElement>>(function Select({ className, children, ...rest }, ref) {
  return (
    <select
      ref={ref}
      className={cn(
        control,
        'h-9 appearance-none bg-[length:16px] bg-[right_0.5rem_center] bg-no-repeat pr-8 max-sm:h-11',
        "bg-[url(\"data:image/svg+xml,%3Csvg xmlns='http://www.w3.org/2000/svg' viewBox='0 0 24 24' fill='none' stroke='%2371717a' stroke-width='2'%3E%3Cpath d='m6 9 6 6 6-6'/%3E%3C/svg%3E\")]",
        rest['aria-invalid'] ? badBorder : okBorder,
        className,
      )}
      {...rest}
    >
      {children}
    </select>
  );
});
