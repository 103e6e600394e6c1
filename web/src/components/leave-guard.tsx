// Asks before leaving drops unsaved edits: an in-app navigation gets this dialog (only a change of
// page counts; a search parameter on the same page keeps the form), a reload, a closed tab or a
// typed address gets the browser's own "Leave site?" prompt, and neither asks when nothing is unsaved.
import { useBlocker } from '@tanstack/react-router';
import { useRef } from 'react';
import { ConfirmDialog } from './ui/dialog.tsx';

/** Blocks leaving the page while `unsaved()`; `what` names the thing being edited ("this campaign"). */
export function LeaveGuard({ unsaved, what }: { unsaved: () => boolean; what: string }) {
  // Asked at navigation time, not render time: a save that navigates on success answers false by then.
  const latest = useRef(unsaved);
  latest.current = unsaved;
  const leaving = useBlocker({
    shouldBlockFn: ({ current, next }) => latest.current() && next.pathname !== current.pathname,
    // The router's default (true) makes every page with a guard cancel beforeunload, unsaved edits or
    // not: once the person had clicked anywhere, a reload asked "Leave site?" with nothing to lose.
    enableBeforeUnload: () => latest.current(),
    withResolver: true,
  });
  return (
    <ConfirmDialog
      open={leaving.status === 'blocked'}
      onOpenChange={(open) => {
        if (!open) leaving.reset?.();
      }}
      title="Leave without saving?"
      description={`Your changes to ${what} are not saved and will be lost.`}
      confirmLabel="Leave without saving"
      onConfirm={() => leaving.proceed?.()}
    />
  );
}
