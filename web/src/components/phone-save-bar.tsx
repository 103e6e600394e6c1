// On a phone an editor's Save button sits in the page header, thousands of pixels above the
// controls being changed (an outside audit: 3,200 px below it on the campaign editor). Once the
// header has scrolled away and there is something to save, this bar holds a second submit button
// at the bottom of the screen. From lg up the header stays within reach and this shows nothing.
import { Save } from 'lucide-react';
import { Button } from './ui/button.tsx';

export function PhoneSaveBar({ shown, pending, label, status }: { shown: boolean; pending: boolean; label: string; status: string }) {
  if (!shown) return null;
  return (
    <>
      {/* Room at the end of the page, so the bar never covers its last field. */}
      <div aria-hidden="true" className="h-20 lg:hidden" />
      <section aria-label={status} className="fixed inset-x-0 bottom-0 z-30 border-t border-zinc-200 bg-white/95 px-4 py-3 backdrop-blur lg:hidden dark:border-zinc-800 dark:bg-zinc-950/95">
        <div className="flex items-center justify-between gap-3">
          <p className="text-[13px] text-zinc-600 dark:text-zinc-400">{status}</p>
          <Button type="submit" variant="primary" pending={pending}>
            <Save aria-hidden="true" />
            {label}
          </Button>
        </div>
      </section>
    </>
  );
}
