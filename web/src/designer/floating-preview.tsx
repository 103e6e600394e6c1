// On a phone the preview sits above the design controls, so it scrolls away while its design is
// being changed below. Once it is out of view, a small copy follows in the corner; pressing it
// scrolls back to the full preview (with the scannability notes). From lg up the preview stays
// in view beside the form (sticky) and this shows nothing.
import type { RefObject } from 'react';
import { useOutOfView } from '../lib/use-out-of-view.ts';
import { svgDataUri } from './preview.tsx';

/** `raised`: a bar is fixed at the bottom of the screen (PhoneSaveBar); the copy sits above it. */
export function FloatingPreview({ target, svg, failing, raised = false }: { target: RefObject<HTMLElement | null>; svg: string | null; failing: boolean; raised?: boolean }) {
  const outOfView = useOutOfView(target);
  if (!outOfView || !svg) return null;
  return (
    <button
      type="button"
      data-testid="floating-preview"
      onClick={() => target.current?.scrollIntoView({ behavior: 'smooth', block: 'start' })}
      className={`fixed right-4 ${raised ? 'bottom-20' : 'bottom-4'} z-20 rounded-lg border border-zinc-200 bg-white p-1.5 shadow-lg lg:hidden dark:border-zinc-700`}
    >
      <span className="sr-only">Back to the preview</span>
      <img src={svgDataUri(svg)} alt="" className={`size-20 ${failing ? 'opacity-25 grayscale' : ''}`} />
    </button>
  );
}
