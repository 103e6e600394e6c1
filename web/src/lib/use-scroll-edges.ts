// Which ends of a horizontally scrolling row hide content, so the row can fade there: on a phone
// the tab row is wider than the screen, and without a cue the tabs past the edge look absent.
import { type RefObject, useEffect, useState } from 'react';

/** Hidden content before the start and past the end of `ref`'s scroll box. */
export interface ScrollEdges {
  start: boolean;
  end: boolean;
}

/** Tracks `ref`'s horizontal overflow as it scrolls and resizes. */
export function useScrollEdges(ref: RefObject<HTMLElement | null>): ScrollEdges {
  const [edges, setEdges] = useState<ScrollEdges>({ start: false, end: false });
  useEffect(() => {
    const element = ref.current;
    if (!element) return;
    const update = () => {
      // A pixel of slack: zoomed layouts report fractional widths.
      const start = element.scrollLeft > 1;
      const end = element.scrollLeft + element.clientWidth < element.scrollWidth - 1;
      setEdges((current) => (current.start === start && current.end === end ? current : { start, end }));
    };
    update();
    element.addEventListener('scroll', update, { passive: true });
    const resized = new ResizeObserver(update);
    resized.observe(element);
    return () => {
      element.removeEventListener('scroll', update);
      resized.disconnect();
    };
  }, [ref]);
  return edges;
}

/** A mask that fades the row's hidden ends (none when nothing is hidden). */
export function edgeFade({ start, end }: ScrollEdges, width = '2.5rem'): string | undefined {
  if (!start && !end) return undefined;
  return `linear-gradient(to right, ${start ? `transparent, #000 ${width}` : '#000'}, ${end ? `#000 calc(100% - ${width}), transparent` : '#000'})`;
}
