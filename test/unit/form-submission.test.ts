import { describe, expect, it } from 'vitest';
import { checkSubmission, issueMessage } from '../../src/modules/forms/submission.ts';
import { validatePageConfig } from '../../src/modules/pages/page-config.ts';

const result = validatePageConfig({
  title: 'T',
  form: {
    fields: [
      { name: 'name', label: 'Name', required: true, max_length: 10 },
      { name: 'email', label: 'Email', type: 'email', required: true },
      { name: 'phone', label: 'Phone', type: 'tel' },
      { name: 'guests', label: 'Guests', type: 'number', min: 0, max: 5 },
      { name: 'notes', label: 'Notes', type: 'textarea' },
      { name: 'size', label: 'Size', type: 'select', options: ['S', 'M'] },
      { name: 'consent', label: 'Consent', type: 'checkbox', required: true },
      { name: 'day', label: 'Day', type: 'date' },
    ],
  },
});
if (!result.ok) throw new Error('fixture invalid');
const fields = result.config.form!.fields;

describe('form submission check', () => {
  it('normalises a valid urlencoded-style submission (strings in, typed values out)', () => {
    const check = checkSubmission(fields, { name: ' Ada ', email: 'ada@example.com', phone: '+44 20 7946 0958', guests: '2', notes: 'a\r\nb', size: 'M', consent: 'on', day: '2026-02-28' });
    expect(check).toEqual({
      ok: true,
      honeypot: false,
      data: { name: 'Ada', email: 'ada@example.com', phone: '+44 20 7946 0958', guests: 2, notes: 'a\nb', size: 'M', consent: true, day: '2026-02-28' },
    });
  });

  it('accepts JSON types and stores null for empty optional fields', () => {
    const check = checkSubmission(fields, { name: 'Ada', email: 'ada@example.com', guests: 0, consent: true });
    expect(check).toMatchObject({ ok: true, data: { guests: 0, consent: true, phone: null, notes: null, size: null, day: null } });
  });

  it('reports a message per bad field, and unknown keys', () => {
    const check = checkSubmission(fields, { name: 'x'.repeat(11), email: 'nope', phone: 'call me', guests: '9', size: 'XL', day: '2026-02-30', other: 1 });
    expect(check.ok).toBe(false);
    if (check.ok) return;
    expect(Object.keys(check.errors).sort()).toEqual(['consent', 'day', 'email', 'guests', 'name', 'other', 'phone', 'size']);
    expect(check.errors.consent).toEqual({ code: 'tick' });
    expect(check.errors.guests).toEqual({ code: 'max', limit: 5 });
    // JSON clients read the same issues in English.
    expect(issueMessage(check.errors.consent!)).toBe('must be ticked');
    expect(issueMessage(check.errors.guests!)).toBe('must be at most 5');
    expect(issueMessage(check.errors.other!)).toBe('is not a field of this form');
    expect(check.values.email).toBe('nope');
  });

  it('treats a filled honeypot as a bot without checking anything else', () => {
    expect(checkSubmission(fields, { _website: 'http://spam.example' })).toEqual({ ok: true, honeypot: true, data: {} });
    expect(checkSubmission(fields, { _website: '', name: 'Ada', email: 'ada@example.com', consent: 'on' })).toMatchObject({ ok: true, honeypot: false });
  });

  it('rejects repeated values and non-text values', () => {
    const check = checkSubmission(fields, { name: ['a', 'b'], email: { x: 1 }, consent: 'maybe' });
    expect(check).toMatchObject({ ok: false, errors: { name: { code: 'single' }, email: { code: 'text' }, consent: { code: 'tickable' } } });
    if (check.ok) return;
    expect(Object.fromEntries(Object.entries(check.errors).map(([k, v]) => [k, issueMessage(v)]))).toEqual({
      name: 'must be a single value',
      email: 'must be text',
      consent: 'must be ticked or not (true or false)',
    });
  });
});
