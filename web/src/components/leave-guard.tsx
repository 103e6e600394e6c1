// Asks before an in-app navigation drops unsaved edits. Only a change of page counts (a search
// parameter on the same page keeps the form); a closed tab or a typed address is not asked about.
import { useBlocker } from '@tanstack/react-router';
import { useRef } from 'react';
import { ConfirmDialog } from './ui/dialog.tsx';

/** Blocks leaving the page while `unsaved()`; `what` names the thing being edited ("this campaign"). */
export function LeaveGuard({ unsaved, what }: { unsaved: () => boolean; what: string }) {
  // Asked at navigation time, not render time: a save that navigates on success answers false by then.
  const latest = useRef(unsaved);
  latest.current = unsaved;
  const leaving = useBlocker({ shouldBlockFn: ({ current, next }) => latest.current() && next.pathname !== current.pathname, withResolver: true });
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
