// Checks one submission against a page's form fields. Pure: takes the parsed body (JSON or
// urlencoded, so values may be strings, arrays, numbers or booleans) and returns either the
// normalised data to store or a message per field, plus what the visitor typed for re-rendering.
import { type FieldIssue, type FormField, HONEYPOT_FIELD } from '../pages/index.ts';

/** A stored answer: text, a number, a tick, or null when left empty. */
export type SubmissionValue = string | number | boolean | null;

/** A submission's answers, one key per form field. */
export type SubmissionData = Record<string, SubmissionValue>;

/** The outcome of checking a submission: what is wrong, per field, as issues the page words in its language. */
export type SubmissionCheck = { ok: true; honeypot: boolean; data: SubmissionData } | { ok: false; errors: Record<string, FieldIssue>; values: Record<string, string | boolean> };

/** The API's (English) message for an issue, as JSON clients read it in `errors[]`. */
export function issueMessage(issue: FieldIssue): string {
  switch (issue.code) {
    case 'required':
      return 'is required';
    case 'tick':
      return 'must be ticked';
    case 'tickable':
      return 'must be ticked or not (true or false)';
    case 'number':
      return 'must be a number';
    case 'min':
      return `must be at least ${issue.limit}`;
    case 'max':
      return `must be at most ${issue.limit}`;
    case 'maxLength':
      return `must be at most ${issue.limit} characters`;
    case 'email':
      return 'must be an email address such as ada@example.com';
    case 'tel':
      return 'must be a phone number (digits, spaces, + ( ) - .)';
    case 'date':
      return 'must be a date as YYYY-MM-DD';
    case 'option':
      return 'must be one of the listed options';
    case 'control':
      return 'must not contain control characters';
    case 'single':
      return 'must be a single value';
    case 'text':
      return 'must be text';
    case 'unknown':
      return 'is not a field of this form';
    case 'body':
      return 'the body must be an object of field names and values';
    case 'empty':
      return 'nothing was answered: answer at least one question';
  }
}

const EMAIL = /^[^\s@"<>()[\],;:\\]{1,64}@[^\s@"<>()[\],;:\\]{1,253}\.[^\s@"<>()[\],;:\\.]{2,}$/;
const TEL = /^\+?[0-9 ()\-.]{3,32}$/;
const DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
const CONTROL_SINGLE_LINE = /[\u0000-\u001f\u007f]/;
const CONTROL_MULTI_LINE = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/;
const TICKED = new Set(['on', 'true', '1', 'yes']);
const UNTICKED = new Set(['', 'off', 'false', '0', 'no']);

function validDate(text: string): boolean {
  const m = DATE.exec(text);
  if (!m) return false;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const date = new Date(Date.UTC(y, mo - 1, d));
  return date.getUTCFullYear() === y && date.getUTCMonth() === mo - 1 && date.getUTCDate() === d;
}

function asText(value: unknown): string | undefined {
  if (typeof value === 'string') return value;
  if (typeof value === 'number' && Number.isFinite(value)) return String(value);
  return undefined;
}

type Checked = { value: SubmissionValue; typed: string | boolean } | { error: FieldIssue; typed: string | boolean };

function checkCheckbox(field: FormField, raw: unknown): Checked {
  let ticked: boolean | undefined;
  if (raw === undefined || raw === null || raw === false) ticked = false;
  else if (raw === true) ticked = true;
  else if (typeof raw === 'string' && TICKED.has(raw.trim().toLowerCase())) ticked = true;
  else if (typeof raw === 'string' && UNTICKED.has(raw.trim().toLowerCase())) ticked = false;
  if (ticked === undefined) return { error: { code: 'tickable' }, typed: false };
  if (field.required && !ticked) return { error: { code: 'tick' }, typed: false };
  return { value: ticked, typed: ticked };
}

function checkNumber(field: FormField, raw: unknown, typed: string): Checked {
  if (typed.trim() === '') return field.required ? { error: { code: 'required' }, typed } : { value: null, typed };
  const value = typeof raw === 'number' ? raw : /^\s*[-+]?(\d+\.?\d*|\.\d+)([eE][-+]?\d+)?\s*$/.test(typed) ? Number(typed) : Number.NaN;
  if (!Number.isFinite(value)) return { error: { code: 'number' }, typed };
  if (field.min !== null && value < field.min) return { error: { code: 'min', limit: field.min }, typed };
  if (field.max !== null && value > field.max) return { error: { code: 'max', limit: field.max }, typed };
  return { value, typed };
}

function checkText(field: FormField, typed: string): Checked {
  const multiLine = field.type === 'textarea';
  const text = multiLine ? typed.replace(/\r\n?/g, '\n').trim() : typed.trim();
  if (text === '') return field.required ? { error: { code: 'required' }, typed } : { value: null, typed };
  if (field.max_length !== null && text.length > field.max_length) return { error: { code: 'maxLength', limit: field.max_length }, typed };
  if ((multiLine ? CONTROL_MULTI_LINE : CONTROL_SINGLE_LINE).test(text)) return { error: { code: 'control' }, typed };
  switch (field.type) {
    case 'email':
      return EMAIL.test(text) ? { value: text, typed } : { error: { code: 'email' }, typed };
    case 'tel':
      return TEL.test(text) && (text.match(/\d/g)?.length ?? 0) >= 3 ? { value: text, typed } : { error: { code: 'tel' }, typed };
    case 'date':
      return validDate(text) ? { value: text, typed } : { error: { code: 'date' }, typed };
    case 'select':
      return field.options?.includes(text) ? { value: text, typed } : { error: { code: 'option' }, typed };
    default:
      return { value: text, typed };
  }
}

function checkField(field: FormField, raw: unknown): Checked {
  if (Array.isArray(raw)) return { error: { code: 'single' }, typed: '' };
  if (field.type === 'checkbox') return checkCheckbox(field, raw);
  const typed = raw === undefined || raw === null ? '' : asText(raw);
  if (typed === undefined) return { error: { code: 'text' }, typed: '' };
  return field.type === 'number' ? checkNumber(field, raw, typed) : checkText(field, typed);
}

/** True when the hidden honeypot field came back filled in (a bot, not a person). */
export function isHoneypotFilled(body: Record<string, unknown>): boolean {
  const value = body[HONEYPOT_FIELD];
  if (Array.isArray(value)) return value.some((v) => typeof v === 'string' && v.trim() !== '');
  return typeof value === 'string' ? value.trim() !== '' : value !== undefined && value !== null && value !== false;
}

/** Checks `body` against `fields`: unknown keys, required fields, types, lengths and options. */
export function checkSubmission(fields: readonly FormField[], body: unknown): SubmissionCheck {
  if (typeof body !== 'object' || body === null || Array.isArray(body)) {
    return { ok: false, errors: { '': { code: 'body' } }, values: {} };
  }
  const input = body as Record<string, unknown>;
  if (isHoneypotFilled(input)) return { ok: true, honeypot: true, data: {} };
  const errors: Record<string, FieldIssue> = {};
  const values: Record<string, string | boolean> = {};
  const data: SubmissionData = {};
  const known = new Set(fields.map((f) => f.name));
  for (const key of Object.keys(input)) if (key !== HONEYPOT_FIELD && !known.has(key)) errors[key] = { code: 'unknown' };
  for (const field of fields) {
    const checked = checkField(field, input[field.name]);
    values[field.name] = checked.typed;
    if ('error' in checked) errors[field.name] = checked.error;
    else data[field.name] = checked.value;
  }
  // A form of optional questions sent blank (an accidental tap on Send) stored a row of dashes in
  // the owner's answers: nothing answered is refused, on the first question. A form of boxes only
  // ("Send me news") is answered by leaving them unticked too, so it is left alone.
  const first = fields[0];
  const typed = fields.some((field) => field.type !== 'checkbox');
  if (first && typed && Object.keys(errors).length === 0 && Object.values(data).every((value) => value === null || value === false)) errors[first.name] = { code: 'empty' };
  return Object.keys(errors).length > 0 ? { ok: false, errors, values } : { ok: true, honeypot: false, data };
}
