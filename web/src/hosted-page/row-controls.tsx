// One row of a list being edited (a block, a form question): a titled region with move up, move
// down and remove. Buttons, not drag and drop: they work from the keyboard and on a phone as they are.
import { ArrowDown, ArrowUp, Trash2 } from 'lucide-react';
import { type ReactNode, type RefObject, useEffect, useRef, useState } from 'react';
import { Button } from '../components/ui/button.tsx';

function RowControls({ name, index, count, onMove, onRemove, disabled }: { name: string; index: number; count: number; onMove: (by: -1 | 1) => void; onRemove: () => void; disabled?: boolean }) {
  return (
    <div className="flex items-center gap-1">
      <Button size="sm" variant="ghost" aria-label={`Move ${name} up`} title="Move up" disabled={disabled || index === 0} onClick={() => onMove(-1)}>
        <ArrowUp aria-hidden="true" />
      </Button>
      <Button size="sm" variant="ghost" aria-label={`Move ${name} down`} title="Move down" disabled={disabled || index === count - 1} onClick={() => onMove(1)}>
        <ArrowDown aria-hidden="true" />
      </Button>
      <Button size="sm" variant="ghost" aria-label={`Remove ${name}`} title="Remove" disabled={disabled} onClick={onRemove}>
        <Trash2 aria-hidden="true" />
      </Button>
    </div>
  );
}

/** A row named `name` (its heading, and the region's name for screen readers), `index` of `count`. */
export function EditableRow({
  rowKey,
  name,
  index,
  count,
  onMove,
  onRemove,
  disabled,
  children,
}: {
  rowKey: string;
  name: string;
  index: number;
  count: number;
  onMove: (by: -1 | 1) => void;
  onRemove: () => void;
  disabled?: boolean;
  children: ReactNode;
}) {
  return (
    <li data-row={rowKey} className="rounded-lg border border-zinc-200 dark:border-zinc-800">
      <section aria-label={name}>
        <div className="flex items-center justify-between gap-2 border-b border-zinc-100 py-1 pr-1.5 pl-3 dark:border-zinc-800">
          <h3 className="text-[13px] font-medium text-zinc-700 dark:text-zinc-300">{name}</h3>
          <RowControls name={name} index={index} count={count} disabled={disabled} onMove={onMove} onRemove={onRemove} />
        </div>
        <div className="space-y-4 p-3">{children}</div>
      </section>
    </li>
  );
}

/**
 * Puts focus in the first control of a row just added, so a keyboard user types on where the
 * row appeared. Rows carry `data-row={key}` inside the element the returned ref is on.
 */
export function useFocusAddedRow<T extends HTMLElement>(): { ref: RefObject<T | null>; added: (key: string) => void } {
  const ref = useRef<T>(null);
  const [pending, setPending] = useState<string | null>(null);
  useEffect(() => {
    if (!pending) return;
    ref.current?.querySelector<HTMLElement>(`[data-row="${pending}"] :is(input, textarea, select)`)?.focus();
    setPending(null);
  }, [pending]);
  return { ref, added: setPending };
}
