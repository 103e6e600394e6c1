// A handheld scanner types into whatever has focus. After a tap on Entry or Exit, a button or the
// page itself, a scan would go nowhere and the last answer would stay on screen for the next
// holder: a printable key typed outside a text field moves focus to the scan field first, and
// the key lands there.
import { type RefObject, useEffect } from 'react';

function typesText(element: Element | null): boolean {
  if (element instanceof HTMLTextAreaElement || element instanceof HTMLSelectElement) return true;
  if (!(element instanceof HTMLInputElement)) return false;
  return !['radio', 'checkbox', 'button', 'submit', 'reset', 'range', 'color', 'file'].includes(element.type);
}

export function useScannerFocus(field: RefObject<HTMLInputElement | null>): void {
  useEffect(() => {
    const onKey = (event: KeyboardEvent) => {
      if (event.ctrlKey || event.metaKey || event.altKey || event.key.length !== 1 || event.key === ' ') return;
      if (typesText(document.activeElement) || document.querySelector('[role="dialog"]')) return;
      field.current?.focus();
    };
    document.addEventListener('keydown', onKey, true);
    return () => document.removeEventListener('keydown', onKey, true);
  }, [field]);
}
