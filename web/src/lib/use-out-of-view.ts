// Whether an element has scrolled out of the viewport: what a phone layout needs to know to bring
// an out-of-reach control (the preview, the Save button) back to where the person is.
import { type RefObject, useEffect, useState } from 'react';

export function useOutOfView(target: RefObject<HTMLElement | null>): boolean {
  const [outOfView, setOutOfView] = useState(false);
  useEffect(() => {
    const element = target.current;
    if (!element) return;
    const observer = new IntersectionObserver(([entry]) => setOutOfView(entry ? !entry.isIntersecting : false));
    observer.observe(element);
    return () => observer.disconnect();
  }, [target]);
  return outOfView;
}
