// Scans that got no answer, kept in this tab's session storage per event: a session that ends
// mid-shift sends the steward to sign in, and back on the door page the scans are still listed
// to send again (as the same scans, their nonces kept), not silently lost with the page. Storage
// is written as each changes, not after a render: the 401 leaves the page before one.
import { useState } from 'react';
import type { Failure } from './unsent-scans.tsx';

const keyOf = (batchId: string) => `tessera.door.unsent.${batchId}`;

function read(batchId: string): Failure[] {
  try {
    const value = JSON.parse(sessionStorage.getItem(keyOf(batchId)) ?? '[]') as unknown;
    return Array.isArray(value) ? (value as Failure[]).filter((f) => typeof f?.nonce === 'string' && typeof f.body?.payload === 'string') : [];
  } catch {
    return [];
  }
}

function write(batchId: string, failures: Failure[]): void {
  try {
    if (failures.length) sessionStorage.setItem(keyOf(batchId), JSON.stringify(failures));
    else sessionStorage.removeItem(keyOf(batchId));
  } catch {
    // Storage refused: the list still shows while the page stays.
  }
}

/** The event's unsent scans, and how to note one (replacing an earlier failure of the same scan) or drop one. */
export function useUnsentScans(batchId: string): { failures: Failure[]; add(failure: Failure): void; remove(nonce: string): void } {
  const [failures, setFailures] = useState(() => read(batchId));
  const change = (update: (all: Failure[]) => Failure[]) => {
    const next = update(read(batchId));
    write(batchId, next);
    setFailures(next);
  };
  return {
    failures,
    add: (failure) => change((all) => [...all.filter((f) => f.nonce !== failure.nonce), failure]),
    remove: (nonce) => change((all) => all.filter((f) => f.nonce !== nonce)),
  };
}
