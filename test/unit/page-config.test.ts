import { describe, expect, it } from 'vitest';
import { validatePageConfig } from '../../src/modules/pages/page-config.ts';

const valid = {
  title: 'Spring fair',
  blocks: [
    { type: 'heading', text: 'Welcome', level: 1 },
    { type: 'paragraph', text: 'Join us.' },
    { type: 'image', url: 'https://cdn.example.com/a.png', alt: 'Poster' },
    { type: 'link', text: 'Programme', url: 'https://example.com/programme' },
    { type: 'button', text: 'Tickets', url: 'http://example.com/tickets' },
  ],
  theme: { background_color: '#FFFFFF', text_color: '#111111', accent_color: '#0b57d0', logo_url: 'https://cdn.example.com/logo.png' },
  form: {
    fields: [
      { name: 'email', label: 'Email', type: 'email', required: true },
      { name: 'size', label: 'T-shirt size', type: 'select', options: ['S', 'M', 'L'] },
      { name: 'guests', label: 'Guests', type: 'number', min: 0, max: 5 },
    ],
  },
  published: true,
};

function errorsOf(input: unknown): Array<{ field: string; message: string }> {
  const result = validatePageConfig(input, '/hosted_page');
  if (result.ok) throw new Error('expected errors');
  return result.errors;
}

describe('page config validation', () => {
  it('accepts a full page and normalises it (defaults, lower-case colours, per-type max length)', () => {
    const result = validatePageConfig(valid, '/hosted_page');
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.config.theme.background_color).toBe('#ffffff');
    expect(result.config.language).toBe('en');
    expect(result.config.form?.fields[0]).toMatchObject({ name: 'email', required: true, max_length: 500, options: null });
    expect(result.config.form?.fields[1]).toMatchObject({ required: false, options: ['S', 'M', 'L'], max_length: null });
    expect(result.config.form?.submit_label).toBe('Send');
    expect(result.config.form?.success_message).toBe('Thank you!');
  });

  it("fills a form's empty button and thank-you text in the page's language", () => {
    const texts = (language: string) => {
      const result = validatePageConfig({ ...valid, language, form: { ...valid.form, submit_label: '', success_message: '  ' } });
      return result.ok ? [result.config.form?.submit_label, result.config.form?.success_message] : result.errors;
    };
    expect(texts('de')).toEqual(['Senden', 'Vielen Dank!']);
    expect(texts('fr-CH')).toEqual(['Envoyer', 'Merci !']);
    expect(texts('es')).toEqual(['Enviar', '¡Gracias!']);
    expect(texts('pt-BR')).toEqual(['Send', 'Thank you!']);
  });

  it('defaults to an unpublished page without form, theme or blocks', () => {
    const result = validatePageConfig({ title: 'Hi' });
    expect(result).toMatchObject({ ok: true, config: { published: false, form: null, blocks: [], theme: { background_color: '#ffffff' } } });
  });

  it('names every bad field with a JSON pointer under the prefix', () => {
    const errors = errorsOf({
      title: '',
      blocks: [
        { type: 'video', text: 'x' },
        { type: 'image', url: 'javascript:alert(1)' },
        { type: 'link', text: 'x', url: 'data:text/html,<b>' },
      ],
      theme: { background_color: 'red', logo_url: 'ftp://example.com/logo.png' },
      form: {
        fields: [
          { name: 'Email', label: 'E', type: 'email' },
          { name: 'a', label: 'A', type: 'colour' },
          { name: 'a', label: 'A again' },
          { name: 'pick', label: 'Pick', type: 'select', options: [] },
          { name: 'long', label: 'Long', type: 'text', max_length: 5001 },
        ],
      },
      extra: 1,
    });
    const fields = errors.map((e) => e.field);
    expect(fields).toEqual(
      expect.arrayContaining([
        '/hosted_page/title',
        '/hosted_page/extra',
        '/hosted_page/blocks/0/type',
        '/hosted_page/blocks/1/url',
        '/hosted_page/blocks/2/url',
        '/hosted_page/theme/background_color',
        '/hosted_page/theme/logo_url',
        '/hosted_page/form/fields/0/name',
        '/hosted_page/form/fields/1/type',
        '/hosted_page/form/fields/2/name',
        '/hosted_page/form/fields/3/options',
        '/hosted_page/form/fields/4/max_length',
      ]),
    );
    expect(errors.find((e) => e.field === '/hosted_page/form/fields/2/name')?.message).toMatch(/unique/);
    expect(errors.find((e) => e.field === '/hosted_page/blocks/1/url')?.message).toMatch(/http/);
  });

  it('enforces the size limits (title, blocks, block text, fields, options)', () => {
    const many = (n: number, f: (i: number) => unknown) => Array.from({ length: n }, (_, i) => f(i));
    const fields = errorsOf({
      title: 'x'.repeat(201),
      blocks: many(51, () => ({ type: 'paragraph', text: 'x' })),
      form: { fields: many(31, (i) => ({ name: `f${i}`, label: 'L' })) },
    }).map((e) => e.field);
    expect(fields).toEqual(['/hosted_page/title', '/hosted_page/blocks', '/hosted_page/form/fields']);
    expect(errorsOf({ title: 't', blocks: [{ type: 'paragraph', text: 'x'.repeat(5001) }] })[0]!.field).toBe('/hosted_page/blocks/0/text');
    expect(errorsOf({ title: 't', form: { fields: [{ name: 's', label: 'S', type: 'select', options: many(51, (i) => `o${i}`) }] } })[0]!.field).toBe('/hosted_page/form/fields/0/options');
    expect(validatePageConfig({ title: 'x'.repeat(200), blocks: many(50, () => ({ type: 'paragraph', text: 'x'.repeat(5000) })) }).ok).toBe(true);
  });

  it('refuses non-objects, wrong types and options on non-select fields', () => {
    expect(errorsOf('hello')).toEqual([{ field: '/hosted_page', message: 'must be an object' }]);
    const fields = errorsOf({ title: 5, published: 'yes', form: { fields: [{ name: 'n', label: 'N', type: 'text', options: ['a'] }] } }).map((e) => e.field);
    expect(fields).toEqual(['/hosted_page/title', '/hosted_page/form/fields/0/options', '/hosted_page/published']);
  });
});
