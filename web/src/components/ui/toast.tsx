// Short confirmations ("Campaign saved", "Link copied") in the corner, announced politely to screen
// readers; errors stay next to what failed instead. The one exception, toastError, is for a failure
// with no place of its own to stand (a menu's action, closed by the time it fails): it says so in
// red, is announced at once, and stays until dismissed.
import { CircleAlert, CheckCircle2, X } from 'lucide-react';
import { Toast } from 'radix-ui';
import { useSyncExternalStore } from 'react';

interface ToastItem {
  id: number;
  message: string;
  error?: boolean;
}

let items: ToastItem[] = [];
let nextId = 1;
const listeners = new Set<() => void>();
const emit = () => listeners.forEach((l) => l());

/** Shows a short success message. */
export function toast(message: string): void {
  items = [...items.slice(-2), { id: nextId++, message }];
  emit();
}

/** Shows a failure that has nowhere else to be said; it stays until dismissed. */
export function toastError(message: string): void {
  items = [...items.slice(-2), { id: nextId++, message, error: true }];
  emit();
}

function dismiss(id: number): void {
  items = items.filter((t) => t.id !== id);
  emit();
}

function subscribe(listener: () => void): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

/** Renders the toasts; mount once near the root. */
export function Toaster() {
  const current = useSyncExternalStore(subscribe, () => items);
  return (
    <Toast.Provider duration={4000} label="Notifications">
      {current.map((t) => (
        <Toast.Root
          key={t.id}
          onOpenChange={(open) => !open && dismiss(t.id)}
          duration={t.error ? Number.POSITIVE_INFINITY : undefined}
          data-tone={t.error ? 'error' : 'success'}
          className="flex items-center gap-3 rounded-lg border border-zinc-200 bg-white px-4 py-3 text-sm text-zinc-900 shadow-lg dark:border-zinc-700 dark:bg-zinc-900 dark:text-zinc-100"
        >
          {t.error ? <CircleAlert aria-hidden="true" className="size-4 shrink-0 text-red-600" /> : <CheckCircle2 aria-hidden="true" className="size-4 shrink-0 text-green-600" />}
          <Toast.Title className="flex-1">{t.message}</Toast.Title>
          <Toast.Close aria-label="Dismiss" className="rounded p-1 text-zinc-500 hover:bg-zinc-100 dark:hover:bg-zinc-800">
            <X aria-hidden="true" className="size-4" />
          </Toast.Close>
        </Toast.Root>
      ))}
      <Toast.Viewport className="fixed right-0 bottom-0 z-50 m-0 flex w-full max-w-sm list-none flex-col gap-2 p-4 outline-none" />
    </Toast.Provider>
  );
}
