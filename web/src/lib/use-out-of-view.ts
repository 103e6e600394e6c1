// Whether an element has scrolled out of the viewport: what a phone layout needs to know to bring
// an out-of-reach control (the preview, the Save button) back to where the person is.
import { type RefObject, useEffect, useState } from 'react';

/**
 * `above`: out of view only once scrolled past (above the viewport). An element still below the
 * fold is ahead of the person, not behind them: a live ticket's page opens on the ticket with the
 * design preview further down, and a copy of that preview in the corner then covered the ticket's
 * instructions with a second code to scan (a phone audit found it). That case follows the scroll
 * position itself: an intersection observer says nothing of a jump from below the fold to above
 * it (End, a link to a field), which never crosses the viewport.
 */
export function useOutOfView(target: RefObject<HTMLElement | null>, { above = false }: { above?: boolean } = {}): boolean {
  const [outOfView, setOutOfView] = useState(false);
  useEffect(() => {
    const element = target.current;
    if (!element) return;
    if (above) {
      const update = () => setOutOfView(element.getBoundingClientRect().bottom <= 0);
      update();
      window.addEventListener('scroll', update, { passive: true });
      window.addEventListener('resize', update);
      return () => {
        window.removeEventListener('scroll', update);
        window.removeEventListener('resize', update);
      };
    }
    const observer = new IntersectionObserver(([entry]) => setOutOfView(entry ? !entry.isIntersecting : false));
    observer.observe(element);
    return () => observer.disconnect();
  }, [target, above]);
  return outOfView;
}
