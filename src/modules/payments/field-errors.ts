// Validation that reports every problem at once, one entry per field, in the shape problem+json
// `errors[]` carries ({field, reason}), so a person fixes a form in one round trip.

import type { Ecc } from '../../qr/index.ts';

/** One invalid field and what to do about it. */
export interface FieldError {
  field: string;
  reason: string;
}

/** A payload ready to encode, or every reason it cannot be built. */
export type PayloadResult = { ok: true; payload: string; ecc: Ecc } | { ok: false; errors: FieldError[] };

/** Records a failed check under `field` and returns its value part, or null when it failed. */
export function collect<T extends { ok: true } | { ok: false; reason: string }>(errors: FieldError[], field: string, check: T): Extract<T, { ok: true }> | null {
  if (check.ok) return check as Extract<T, { ok: true }>;
  errors.push({ field, reason: (check as { reason: string }).reason });
  return null;
}

/** `prefix.name`, or `name` alone when there is no prefix. */
export function at(prefix: string, name: string): string {
  return prefix ? `${prefix}.${name}` : name;
}

/** True for a plain object (not null, not an array). */
export const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
