// On a phone the preview sits above the design controls, so it scrolls away while its design is
// being changed below. Once it is out of view, a small copy follows in the corner; pressing it
// scrolls back to the full preview (with the scannability notes). From lg up the preview stays
// in view beside the form (sticky) and this shows nothing.
import { type RefObject, useEffect, useState } from 'react';
import { svgDataUri } from './preview.tsx';

export function FloatingPreview({ target, svg, failing }: { target: RefObject<HTMLElement | null>; svg: string | null; failing: boolean }) {
  const [outOfView, setOutOfView] = useState(false);
  useEffect(() => {
    const element = target.current;
    if (!element) return;
    const observer = new IntersectionObserver(([entry]) => setOutOfView(entry ? !entry.isIntersecting : false));
    observer.observe(element);
    return () => observer.disconnect();
  }, [target]);
  if (!outOfView || !svg) return null;
  return (
    <button
      type="button"
      data-testid="floating-preview"
      onClick={() => target.current?.scrollIntoView({ behavior: 'smooth', block: 'start' })}
      className="fixed right-4 bottom-4 z-20 rounded-lg border border-zinc-200 bg-white p-1.5 shadow-lg lg:hidden dark:border-zinc-700"
    >
      <span className="sr-only">Back to the preview</span>
      <img src={svgDataUri(svg)} alt="" className={`size-20 ${failing ? 'opacity-25 grayscale' : ''}`} />
    </button>
  );
}
