// A door link's check-in key, on the staff device. It arrives in the link's fragment
// (/door/{batch}#key=…), which browsers never send to a server, so it is in no request line, log
// or Referer. It is kept in this tab's session storage for the event, so a reload keeps the door
// open, and taken out of the address bar at once (someone photographing the screen, a shared
// history). A copy in memory covers storage that refuses it (private browsing, a full quota).
const remembered = new Map<string, string>();
const storageKey = (batchId: string) => `tessera.door.key.${batchId}`;

/** The key in the address bar's fragment, stored for `batchId`; null when the fragment holds none. */
export function takeDoorKeyFromHash(batchId: string): string | null {
  const key = new URLSearchParams(window.location.hash.slice(1)).get('key')?.trim();
  if (!key) return null;
  remembered.set(batchId, key);
  try {
    sessionStorage.setItem(storageKey(batchId), key);
  } catch {
    // Kept in memory only: a reload then needs the link again.
  }
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

/** Forgets the key for `batchId` (refused by Tessera: it must not be tried again on reload). */
export function forgetDoorKey(batchId: string): void {
  remembered.delete(batchId);
  try {
    sessionStorage.removeItem(storageKey(batchId));
  } catch {
    // Nothing was stored.
  }
}

/** The door link for an event: this dashboard's address, the event, and the key in the fragment. */
export function doorLinkUrl(batchId: string, fullKey: string): string {
  return `${window.location.origin}/door/${encodeURIComponent(batchId)}#key=${encodeURIComponent(fullKey)}`;
}
