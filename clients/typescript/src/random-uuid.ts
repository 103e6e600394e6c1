// Random UUIDs (version 4) for idempotency keys and check-in nonces. crypto.randomUUID exists only
// in secure contexts: a dashboard opened over plain http at a network address (a door tablet on
// http://192.168.1.20:3000) has getRandomValues but no randomUUID, and every create threw there.

type RandomSource = Pick<Crypto, 'getRandomValues'> & { randomUUID?: () => string };

/** A random UUID v4 from `source` (the global crypto by default), with or without randomUUID. */
export function randomUuid(source: RandomSource = globalThis.crypto): string {
  if (typeof source.randomUUID === 'function') return source.randomUUID();
  const bytes = source.getRandomValues(new Uint8Array(16));
  bytes[6] = (bytes[6]! & 0x0f) | 0x40; // version 4
  bytes[8] = (bytes[8]! & 0x3f) | 0x80; // RFC 4122 variant
  const hex = Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}
