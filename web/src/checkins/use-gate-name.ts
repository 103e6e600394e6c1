// The gate's name, kept on the device: a tablet at the north door stays "North door" across
// reloads and events. Private browsing or a full storage only means it is not remembered.
import { useState } from 'react';

const KEY = 'tessera.door.gate';

function stored(): string {
  try {
    return localStorage.getItem(KEY) ?? '';
  } catch {
    return '';
  }
}

export function useGateName(): [string, (name: string) => void] {
  const [name, setName] = useState(stored);
  const set = (next: string) => {
    setName(next);
    try {
      if (next.trim()) localStorage.setItem(KEY, next);
      else localStorage.removeItem(KEY);
    } catch {
      // Not remembered; the name still applies to this page's scans.
    }
  };
  return [name, set];
}
