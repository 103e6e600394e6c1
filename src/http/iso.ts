// API responses, webhook payloads and messages write instants as RFC 3339 / ISO 8601 UTC text
// (`2026-01-31T12:00:00.000Z`); the database and the clock keep epoch milliseconds. This is the one
// conversion, with the nullable variant for optional instants (null stays null).

/** Epoch milliseconds as ISO 8601 UTC text; null stays null. */
export function toIso(ms: number): string;
export function toIso(ms: number | null): string | null;
export function toIso(ms: number | null): string | null {
  return ms === null ? null : new Date(ms).toISOString();
}
