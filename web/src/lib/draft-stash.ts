// Unsaved edits kept across an ended session. A save answered 401 sends the person to sign in;
// without this the edits were lost (or the leave prompt stood between them and signing in). Each
// save stashes what it sends in sessionStorage (this tab only) until it is answered: a success or
// any other refusal drops it, and the editor reopened after signing in takes it back.

const storageKey = (key: string) => `tessera:${key}`;

/** Keeps `draft` under `key` until dropped. */
export function stashDraft(key: string, draft: unknown): void {
  try {
    sessionStorage.setItem(storageKey(key), JSON.stringify(draft));
  } catch {
    // Storage full or disabled: the save goes ahead, only without the safety net.
  }
}

/** The draft stashed under `key` when it still has the shape `valid` checks (left in place: dropDraft removes it). */
export function peekDraft<T>(key: string, valid: (value: unknown) => value is T): T | null {
  try {
    const text = sessionStorage.getItem(storageKey(key));
    const draft: unknown = text ? JSON.parse(text) : null;
    return valid(draft) ? draft : null;
  } catch {
    return null;
  }
}

/** Forgets the draft stashed under `key`. */
export function dropDraft(key: string): void {
  try {
    sessionStorage.removeItem(storageKey(key));
  } catch {
    // Nothing to forget.
  }
}
