// One row of a list being edited (a block, a form question): a titled region with move up, move
// down and remove. Buttons, not drag and drop: they work from the keyboard and on a phone as they are.
import { ArrowDown, ArrowUp, Trash2 } from 'lucide-react';
import { type ReactNode, type RefObject, useEffect, useRef, useState } from 'react';
import { Button } from '../components/ui/button.tsx';

function RowControls({ name, index, count, onMove, onRemove, disabled }: { name: string; index: number; count: number; onMove: (by: -1 | 1) => void; onRemove: () => void; disabled?: boolean }) {
  const up = useRef<HTMLButtonElement>(null);
  const down = useRef<HTMLButtonElement>(null);
  const moving = useRef<-1 | 1 | null>(null);
  // A row moved to the top (or bottom) disables the arrow that took it there (held focusable,
  // aria-disabled, while it has the focus): focus goes to the other arrow instead, in the row's new place.
  // biome-ignore lint/correctness/useExhaustiveDependencies: it must run when the row's position (index) changes
  useEffect(() => {
    const by = moving.current;
    if (by === null) return;
    moving.current = null;
    const pressed = by === -1 ? up.current : down.current;
    (pressed && !pressed.disabled && pressed.getAttribute('aria-disabled') !== 'true' ? pressed : by === -1 ? down.current : up.current)?.focus();
  }, [index]);
  const move = (by: -1 | 1) => {
    moving.current = by;
    onMove(by);
  };
  return (
    <div className="flex items-center gap-1">
      <Button ref={up} size="sm" variant="ghost" aria-label={`Move ${name} up`} title="Move up" disabled={disabled || index === 0} onClick={() => move(-1)}>
        <ArrowUp aria-hidden="true" />
      </Button>
      <Button ref={down} size="sm" variant="ghost" aria-label={`Move ${name} down`} title="Move down" disabled={disabled || index === count - 1} onClick={() => move(1)}>
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
 * Moves focus after a row is added or removed: into the first control of the row named (the new
 * row, or the one that took a removed row's place), or, when the list is left empty, to the
 * element marked `data-row-fallback` (the add buttons). Rows carry `data-row={key}` inside the
 * element the returned ref is on. Without this, removing a row drops focus to the page.
 */
export function useRowFocus<T extends HTMLElement>(): { ref: RefObject<T | null>; focusRow: (key: string | null) => void } {
  const ref = useRef<T>(null);
  const [pending, setPending] = useState<{ key: string | null } | null>(null);
  useEffect(() => {
    if (!pending) return;
    const root = ref.current;
    const target = pending.key === null ? root?.querySelector<HTMLElement>('[data-row-fallback]') : root?.querySelector<HTMLElement>(`[data-row="${pending.key}"] :is(input, textarea, select)`);
    target?.focus();
    setPending(null);
  }, [pending]);
  return { ref, focusRow: (key) => setPending({ key }) };
}
