// Dialogs on Radix primitives: focus trapped inside, Escape closes, focus returns to the opener.
import { AlertDialog, Dialog as RadixDialog } from 'radix-ui';
import { type ReactNode, useLayoutEffect, useRef } from 'react';
import { Button } from './button.tsx';

const overlay = 'fixed inset-0 z-40 bg-zinc-950/40 backdrop-blur-[1px]';
// Titles and descriptions name things people typed (a campaign or key name may be one long word):
// they wrap anywhere rather than spill out of the panel. A panel taller than a small phone's screen
// (a door link's QR code, link and warning) scrolls inside itself instead of losing its buttons.
const panel =
  'fixed top-1/2 left-1/2 z-50 max-h-[calc(100dvh-2rem)] w-[calc(100vw-2rem)] max-w-md -translate-x-1/2 -translate-y-1/2 overflow-y-auto rounded-xl border border-zinc-200 bg-white p-5 shadow-xl [overflow-wrap:anywhere] focus:outline-none dark:border-zinc-700 dark:bg-zinc-900';

// Dialogs here open from state, not from a Radix trigger, so Radix cannot know where focus came
// from: remember the element focused when the dialog opened and give focus back to it on close.
function useReturnFocus(open: boolean): (event: Event) => void {
  const opener = useRef<HTMLElement | null>(null);
  useLayoutEffect(() => {
    if (open && document.activeElement instanceof HTMLElement && document.activeElement !== document.body) opener.current = document.activeElement;
  }, [open]);
  return (event) => {
    if (opener.current?.isConnected) {
      event.preventDefault();
      opener.current.focus();
      return;
    }
    // A screen may place focus itself as the dialog closes (on the sentence that replaced the
    // pressed button): only rescue focus left on <body>.
    setTimeout(() => {
      if (!document.activeElement || document.activeElement === document.body) focusPageStart();
    }, 0);
  };
}

/**
 * Where focus goes when the opener is gone (the archived row's menu, the confirm button that led
 * to a secret's reveal): the page's main heading, else <main>, never <body>, so a keyboard or
 * screen-reader user carries on from the page they are on rather than the top of the document.
 */
function focusPageStart(): void {
  const main = document.querySelector<HTMLElement>('main');
  const target = main?.querySelector<HTMLElement>('h1') ?? document.querySelector<HTMLElement>('h1') ?? main;
  if (!target) return;
  if (target.tabIndex < 0 && !target.hasAttribute('tabindex')) target.tabIndex = -1;
  target.focus({ preventScroll: false });
}

/** A dialog holding a small form or message. */
export function Dialog({
  open,
  onOpenChange,
  title,
  description,
  children,
  wide,
  holdOpen = false,
}: {
  open: boolean;
  onOpenChange: (open: boolean) => void;
  title: string;
  /** Escape and a click outside do not close it: a secret shown once is gone with a stray key press. */
  holdOpen?: boolean;
  description?: ReactNode;
  children: ReactNode;
  wide?: boolean;
}) {
  const returnFocus = useReturnFocus(open);
  return (
    <RadixDialog.Root open={open} onOpenChange={onOpenChange}>
      <RadixDialog.Portal>
        <RadixDialog.Overlay className={overlay} />
        {/* The portal moves the dialog out of the DOM, not out of React's tree: without the stop, a
            form's submit here would bubble on to a form the dialog was opened from (saving a
            template from the designer also saved the campaign). */}
        {/* Without a description the dialog is described by nothing (Radix's documented
            aria-describedby={undefined}): a hidden copy of the title made screen readers read it twice. */}
        <RadixDialog.Content
          className={`${panel} ${wide ? 'max-w-xl' : ''}`}
          onCloseAutoFocus={returnFocus}
          onSubmit={(event) => event.stopPropagation()}
          onEscapeKeyDown={holdOpen ? (event) => event.preventDefault() : undefined}
          onInteractOutside={holdOpen ? (event) => event.preventDefault() : undefined}
          {...(description ? {} : { 'aria-describedby': undefined })}
        >
          <RadixDialog.Title className="text-base font-semibold">{title}</RadixDialog.Title>
          {description && <RadixDialog.Description className="mt-1.5 text-sm text-zinc-600 dark:text-zinc-400">{description}</RadixDialog.Description>}
          <div className="mt-4">{children}</div>
        </RadixDialog.Content>
      </RadixDialog.Portal>
    </RadixDialog.Root>
  );
}

/** Asks once before a destructive action, naming the object and the consequence (`confirmVariant` primary for one that only changes something). */
export function ConfirmDialog({
  open,
  onOpenChange,
  title,
  description,
  confirmLabel,
  onConfirm,
  pending,
  confirmVariant = 'danger',
  cancelLabel = 'Cancel',
  children,
}: {
  open: boolean;
  onOpenChange: (open: boolean) => void;
  title: string;
  description: ReactNode;
  confirmLabel: string;
  onConfirm: () => void;
  pending?: boolean;
  confirmVariant?: 'danger' | 'primary';
  /** The button that leaves things as they are; name it when "Cancel" would read as the action itself. */
  cancelLabel?: string;
  /** A choice that shapes the action (a checkbox), shown under the description. */
  children?: ReactNode;
}) {
  const returnFocus = useReturnFocus(open);
  return (
    <AlertDialog.Root open={open} onOpenChange={onOpenChange}>
      <AlertDialog.Portal>
        <AlertDialog.Overlay className={overlay} />
        <AlertDialog.Content className={panel} onCloseAutoFocus={returnFocus}>
          <AlertDialog.Title className="text-base font-semibold">{title}</AlertDialog.Title>
          <AlertDialog.Description className="mt-2 text-sm leading-relaxed text-zinc-600 dark:text-zinc-400">{description}</AlertDialog.Description>
          {children && <div className="mt-4">{children}</div>}
          <div className="mt-5 flex flex-col-reverse gap-2 sm:flex-row sm:justify-end">
            <AlertDialog.Cancel asChild>
              <Button>{cancelLabel}</Button>
            </AlertDialog.Cancel>
            <Button variant={confirmVariant} pending={pending} onClick={onConfirm}>
              {confirmLabel}
            </Button>
          </div>
        </AlertDialog.Content>
      </AlertDialog.Portal>
    </AlertDialog.Root>
  );
}
