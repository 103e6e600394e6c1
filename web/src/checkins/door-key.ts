// A door link's check-in key, on the staff device. It arrives in the link's fragment
// (/door/{batch}#key=…), which browsers never send to a server, so it is in no request line, log
// or Referer. It is kept in this tab's session storage for the event, so a reload keeps the door
// open, and taken out of the address bar and this tab's back/forward list at once (someone
// photographing the screen). The browser's own history of visited pages may still hold the link:
// a door device is the staff's, and revoking the key on the API keys page is what ends a link.
// A copy in memory covers storage that refuses it (private browsing, a full quota).
// The page follows the kept key as a store: a new link opened in the same tab only changes the
// fragment, so the page is not reloaded, and must still switch to the new key.
const remembered = new Map<string, string>();
const refusedHere = new Set<string>();
const listeners = new Set<() => void>();
const storageKey = (batchId: string) => `tessera.door.key.${batchId}`;
const refusedKey = (batchId: string) => `tessera.door.refused.${batchId}`;

function changed(): void {
  for (const listener of listeners) listener();
}

/** Calls `listener` whenever a key is taken or forgotten (for useSyncExternalStore). */
export function subscribeDoorKeys(listener: () => void): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

/** The key in the address bar's fragment, stored for `batchId`; null when the fragment holds none. */
export function takeDoorKeyFromHash(batchId: string): string | null {
  const key = new URLSearchParams(window.location.hash.slice(1)).get('key')?.trim();
  if (!key) return null;
  remembered.set(batchId, key);
  refusedHere.delete(batchId);
  try {
    sessionStorage.setItem(storageKey(batchId), key);
    sessionStorage.removeItem(refusedKey(batchId));
  } catch {
    // Kept in memory only: a reload then needs the link again.
  }
  changed();
  return key;
}

/** The key kept for `batchId` in this tab, if any. */
export function storedDoorKey(batchId: string): string | null {
  try {
    return sessionStorage.getItem(storageKey(batchId)) ?? remembered.get(batchId) ?? null;
  } catch {
    return remembered.get(batchId) ?? null;
  }
}

/** Whether this tab's last key for `batchId` was refused (so a reload still says why the door is shut). */
export function doorKeyRefused(batchId: string): boolean {
  try {
    return refusedHere.has(batchId) || sessionStorage.getItem(refusedKey(batchId)) !== null;
  } catch {
    return refusedHere.has(batchId);
  }
}

/** Forgets the key for `batchId`, refused by Tessera: it must not be tried again on reload. */
export function forgetRefusedDoorKey(batchId: string): void {
  remembered.delete(batchId);
  refusedHere.add(batchId);
  try {
    sessionStorage.removeItem(storageKey(batchId));
    sessionStorage.setItem(refusedKey(batchId), '1');
  } catch {
    // Nothing was stored.
  }
  changed();
}

/**
 * Whether `hostname` (as `URL.hostname` writes it) names this computer only: localhost, 127.0.0.0/8
 * or ::1. A door link made there opens on no staff phone, since the phone's own loopback answers.
 */
export function onlyThisComputer(hostname: string): boolean {
  const host = hostname.toLowerCase().replace(/\.$/, '');
  return host === 'localhost' || host.endsWith('.localhost') || /^127(?:\.\d{1,3}){3}$/.test(host) || host === '[::1]';
}

/** The door link for an event: this dashboard's address, the event, and the key in the fragment. */
export function doorLinkUrl(batchId: string, fullKey: string): string {
  return `${window.location.origin}/door/${encodeURIComponent(batchId)}#key=${encodeURIComponent(fullKey)}`;
}
