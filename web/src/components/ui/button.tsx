import { forwardRef, type ButtonHTMLAttributes, useReducer, useRef } from 'react';
import { cn } from './cn.ts';

type Variant = 'primary' | 'secondary' | 'ghost' | 'danger';
type Size = 'sm' | 'md';

const variants: Record<Variant, string> = {
  primary: 'bg-accent text-white hover:bg-accent-hover shadow-sm disabled:bg-accent/60 aria-disabled:bg-accent/60',
  secondary: 'border border-zinc-300 bg-white text-zinc-900 hover:bg-zinc-50 shadow-xs dark:border-zinc-700 dark:bg-zinc-900 dark:text-zinc-100 dark:hover:bg-zinc-800',
  ghost: 'text-zinc-700 hover:bg-zinc-100 hover:text-zinc-900 dark:text-zinc-300 dark:hover:bg-zinc-800 dark:hover:text-zinc-100',
  danger: 'bg-red-600 text-white hover:bg-red-700 shadow-sm disabled:bg-red-600/60 aria-disabled:bg-red-600/60',
};
const sizes: Record<Size, string> = {
  // On a phone every button is a 44 px touch target (UI.md), an icon-only one in width too.
  sm: 'h-8 px-2.5 text-[13px] gap-1.5 max-sm:min-h-11 max-sm:min-w-11',
  md: 'h-9 px-3.5 text-sm gap-2 max-sm:min-h-11 max-sm:min-w-11',
};

/** Classes of a button, for links styled as buttons. */
export function buttonClass(variant: Variant = 'secondary', size: Size = 'md', extra?: string): string {
  return cn(
    'inline-flex shrink-0 items-center justify-center rounded-md font-medium whitespace-nowrap select-none disabled:cursor-not-allowed disabled:opacity-70 aria-disabled:cursor-not-allowed aria-disabled:opacity-70 [&_svg]:size-4 [&_svg]:shrink-0',
    variants[variant],
    sizes[size],
    extra,
  );
}

export interface ButtonProps extends ButtonHTMLAttributes<HTMLButtonElement> {
  variant?: Variant;
  size?: Size;
  /** Shows the button as busy and blocks clicks while an action runs. */
  pending?: boolean;
}

/**
 * A disabled button drops the focus to the page. So while it runs its action (pending), and when it
 * becomes disabled with the focus on it (Save after saving), it stays focusable: marked
 * aria-disabled, it ignores clicks and Enter (a submit button then submits nothing).
 */
export const Button = forwardRef<HTMLButtonElement, ButtonProps>(function Button(
  { variant = 'secondary', size = 'md', pending, className, disabled, children, type = 'button', onClick, onBlur, ...rest },
  ref,
) {
  const own = useRef<HTMLButtonElement | null>(null);
  // Once the focus leaves a button held focusable that way, it becomes truly disabled.
  const [, refresh] = useReducer((n: number) => n + 1, 0);
  const inert = !!pending || (!!disabled && own.current !== null && own.current === own.current.ownerDocument.activeElement);
  return (
    <button
      ref={(element) => {
        own.current = element;
        if (typeof ref === 'function') ref(element);
        else if (ref) ref.current = element;
      }}
      type={type}
      className={buttonClass(variant, size, className)}
      disabled={disabled && !inert}
      aria-disabled={inert || undefined}
      aria-busy={pending || undefined}
      onClick={(event) => {
        if (inert) event.preventDefault();
        else onClick?.(event);
      }}
      onBlur={(event) => {
        if (inert && disabled) refresh();
        onBlur?.(event);
      }}
      {...rest}
    >
      {pending && <span aria-hidden="true" className="size-3.5 animate-spin rounded-full border-2 border-current border-r-transparent" />}
      {children}
    </button>
  );
});
