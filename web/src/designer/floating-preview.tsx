// On a phone the preview sits above the design controls, so it scrolls away while its design is
// being changed below. Once it has scrolled out of view above, a small copy follows in the corner; pressing it
// scrolls back to the full preview (with the scannability notes). From lg up the preview stays
// in view beside the form (sticky) and this shows nothing.
// It sits over the page's bottom-right corner, so while it shows, the page keeps room for it: a
// spacer at the end lets the last controls scroll clear of it (a phone audit found "Corner centres
// → Diamond" under it, where a tap scrolled up instead of choosing), and styles.css gives the page
// a scroll padding of the same height, so a control reached by Tab or scrolled to is not left under it.
import type { RefObject } from 'react';
import { useOutOfView } from '../lib/use-out-of-view.ts';
import { svgDataUri } from './preview.tsx';

/** `raised`: a bar is fixed at the bottom of the screen (PhoneSaveBar); the copy sits above it. */
export function FloatingPreview({ target, svg, failing, raised = false }: { target: RefObject<HTMLElement | null>; svg: string | null; failing: boolean; raised?: boolean }) {
  const outOfView = useOutOfView(target, { above: true });
  if (!outOfView || !svg) return null;
  return (
    <>
      {/* The copy is 94 px tall, 16 px above the bottom (or above the save bar, which keeps its own room). */}
      <div aria-hidden="true" className="h-28 lg:hidden" />
      <button
        type="button"
        data-testid="floating-preview"
        data-floating-preview={raised ? 'raised' : 'low'}
        onClick={() => target.current?.scrollIntoView({ behavior: 'smooth', block: 'start' })}
        className={`fixed right-4 ${raised ? 'bottom-20' : 'bottom-4'} z-20 rounded-lg border border-zinc-200 bg-white p-1.5 shadow-lg lg:hidden dark:border-zinc-700`}
      >
        <span className="sr-only">Back to the preview</span>
        <img src={svgDataUri(svg)} alt="" className={`size-20 ${failing ? 'opacity-25 grayscale' : ''}`} />
      </button>
    </>
  );
}
