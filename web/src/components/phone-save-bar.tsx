// On a phone an editor's Save button sits in the page header, thousands of pixels above the
// controls being changed (an outside audit: 3,200 px below it on the campaign editor). Once the
// header has scrolled away and there is something to save, this bar holds a second submit button
// at the bottom of the screen. From lg up the header stays within reach and this shows nothing.
import { Check, Save } from 'lucide-react';
import { useRef, useState } from 'react';
import { Button } from './ui/button.tsx';

export function PhoneSaveBar({
  reachable,
  dirty,
  pending,
  label,
  status,
}: {
  /** The header's own Save button is out of view (and the editor is not read-only). */
  reachable: boolean;
  dirty: boolean;
  pending: boolean;
  label: string;
  status: string;
}) {
  // Saved from here, the bar would vanish with the focused button and drop the focus on <body>:
  // it stays, saying so, until the focus moves on.
  // Decided while rendering (React's state-from-props pattern), not in an effect: a render without
  // the bar in between would already have lost the focus.
  const focused = useRef(false);
  const [saved, setSaved] = useState(false);
  const [wasDirty, setWasDirty] = useState(dirty);
  if (dirty !== wasDirty) {
    setWasDirty(dirty);
    setSaved(!dirty && focused.current);
  }
  const onFocus = () => {
    focused.current = true;
  };
  const onBlur = () => {
    focused.current = false;
    setSaved(false);
  };
  if (!(reachable && dirty) && !saved) return null;
  return (
    <>
      {/* Room at the end of the page, so the bar never covers its last field. */}
      <div aria-hidden="true" className="h-20 lg:hidden" />
      <div data-testid="phone-save-bar" className="fixed inset-x-0 bottom-0 z-30 border-t border-zinc-200 bg-white/95 px-4 py-3 backdrop-blur lg:hidden dark:border-zinc-800 dark:bg-zinc-950/95">
        <div className="flex items-center justify-between gap-3">
          <p role="status" className="text-[13px] text-zinc-600 dark:text-zinc-400">
            {saved ? 'Saved' : status}
          </p>
          {saved ? (
            <Button aria-disabled="true" onFocus={onFocus} onBlur={onBlur}>
              <Check aria-hidden="true" />
              Saved
            </Button>
          ) : (
            <Button type="submit" variant="primary" pending={pending} onFocus={onFocus} onBlur={onBlur}>
              <Save aria-hidden="true" />
              {label}
            </Button>
          )}
        </div>
      </div>
    </>
  );
}
