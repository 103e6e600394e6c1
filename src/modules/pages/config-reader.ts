// Reads untrusted JSON field by field, collecting one error per bad field as a JSON pointer.
// Used by the page document validator; pure.
import type { FieldError } from '../../errors.ts';
import { MAX_PUBLIC_URL_LENGTH, normalisePublicUrl } from '../../http/public-url.ts';

const COLOUR = /^#[0-9a-fA-F]{6}$/;
/** Longest URL accepted in a page. */
export const MAX_URL_LENGTH = MAX_PUBLIC_URL_LENGTH;

/** A JSON object being read. */
export type Json = Record<string, unknown>;

/** Collects errors while reading one object; every read names its pointer. */
export class Reader {
  readonly errors: FieldError[] = [];
  /** Records an error at `field`. */
  fail(field: string, message: string): void {
    this.errors.push({ field, message });
  }
  /** `value` as an object whose keys are all in `allowed` (others are errors), or null. */
  object(value: unknown, field: string, allowed: readonly string[]): Json | null {
    if (typeof value !== 'object' || value === null || Array.isArray(value)) {
      this.fail(field || '/', 'must be an object');
      return null;
    }
    for (const key of Object.keys(value)) if (!allowed.includes(key)) this.fail(`${field}/${escapePointer(key)}`, 'is not a recognised field');
    return value as Json;
  }
  /** A trimmed string of at most `max` characters without control characters. */
  string(obj: Json, key: string, field: string, options: { max: number; required?: boolean; fallback?: string; min?: number }): string | null {
    const value = obj[key];
    if (value === undefined || value === null) {
      if (options.required) this.fail(`${field}/${key}`, 'is required');
      return options.fallback ?? null;
    }
    if (typeof value !== 'string') {
      this.fail(`${field}/${key}`, 'must be a string');
      return null;
    }
    const text = value.trim();
    if (options.required && text === '') this.fail(`${field}/${key}`, 'must not be empty');
    else if (text.length > options.max) this.fail(`${field}/${key}`, `must be at most ${options.max} characters`);
    else if (/[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/.test(text)) this.fail(`${field}/${key}`, 'must not contain control characters');
    return text;
  }
  /** An absolute http(s) URL (see urlProblem). */
  url(obj: Json, key: string, field: string, required: boolean): string | null {
    const text = this.string(obj, key, field, { max: MAX_URL_LENGTH, required });
    if (text === null || text === '') return required ? text : null;
    const checked = normalisePublicUrl(text);
    if ('problem' in checked) {
      this.fail(`${field}/${key}`, checked.problem);
      return text;
    }
    return checked.url;
  }
  /** true or false, `fallback` when absent. */
  boolean(obj: Json, key: string, field: string, fallback: boolean): boolean {
    const value = obj[key];
    if (value === undefined || value === null) return fallback;
    if (typeof value !== 'boolean') this.fail(`${field}/${key}`, 'must be true or false');
    return value === true;
  }
  /** An integer within [min, max], or null when absent. */
  integer(obj: Json, key: string, field: string, min: number, max: number): number | null {
    const value = obj[key];
    if (value === undefined || value === null) return null;
    if (typeof value !== 'number' || !Number.isInteger(value) || value < min || value > max) {
      this.fail(`${field}/${key}`, `must be an integer from ${min} to ${max}`);
      return null;
    }
    return value;
  }
  /** A finite number, or null when absent. */
  number(obj: Json, key: string, field: string): number | null {
    const value = obj[key];
    if (value === undefined || value === null) return null;
    if (typeof value !== 'number' || !Number.isFinite(value)) {
      this.fail(`${field}/${key}`, 'must be a number');
      return null;
    }
    return value;
  }
  /** A `#rrggbb` colour (lower-cased), `fallback` when absent. */
  colour(obj: Json, key: string, field: string, fallback: string): string {
    const value = obj[key];
    if (value === undefined || value === null) return fallback;
    if (typeof value !== 'string' || !COLOUR.test(value)) {
      this.fail(`${field}/${key}`, 'must be a colour such as #1a2b3c');
      return fallback;
    }
    return value.toLowerCase();
  }
}

/** Escapes a key for use in a JSON pointer (RFC 6901). */
export function escapePointer(key: string): string {
  return key.replace(/~/g, '~0').replace(/\//g, '~1');
}
