// The page editor's draft (web/src/hosted-page): what it sends is a document the server's own
// validator accepts, names it derives from labels are names the server takes, its default theme is
// the server's, and the server's field pointers read as the editor names things.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { DEFAULT_THEME as SERVER_THEME, FIELD_NAME_PATTERN, validatePageConfig } from '../../src/modules/pages/page-config.ts';
import { PAGE_LANGUAGES as SERVER_LANGUAGES } from '../../src/http/page/language.ts';
import {
  BLOCK_LABELS,
  blockNames,
  DEFAULT_THEME,
  PAGE_LANGUAGES,
  fieldName,
  moved,
  newBlock,
  newField,
  newForm,
  slugFrom,
  suggestedSlug,
  slugWhileTyping,
  toDocument,
  toDraft,
} from '../../web/src/hosted-page/draft.ts';
import { describeField, pageMessage } from '../../web/src/hosted-page/field-names.ts';

describe('page editor draft', () => {
  it('starts a new page from the server default theme, and offers the languages the server speaks', () => {
    expect(DEFAULT_THEME).toEqual(SERVER_THEME);
    expect(Object.keys(PAGE_LANGUAGES).sort()).toEqual([...SERVER_LANGUAGES].sort());
    expect(toDraft({ name: 'Spring fair', hosted_page: null })).toMatchObject({ title: 'Spring fair', language: 'en', published: false, blocks: [], form: null });
  });

  it.each([
    ['Email address', 'email_address'],
    ['T-shirt size?', 't_shirt_size'],
    ['Größe der Gruppe', 'grosse_der_gruppe'],
    ['2 guests', 'guests'],
    ['¿Cuántos?', 'cuantos'],
    ['', 'field'],
    ['!!!', 'field'],
    ['你好', 'field'],
  ])('names the question %j %j', (label, name) => {
    expect(fieldName(label, [])).toBe(name);
  });

  it('keeps names unique in the form, except a field against itself', () => {
    const first = { ...newField('Email', []), name: 'email' };
    expect(fieldName('Email', [first])).toBe('email_2');
    expect(fieldName('Email', [first, { ...first, key: 'other', name: 'email_2' }])).toBe('email_3');
    expect(fieldName('Email', [first], first.key)).toBe('email');
  });

  it("leaves a new form's button and thank-you text to the server, which says them in the page's language", () => {
    const form = { ...newForm(), fields: [newField('Email', [])] };
    const draft = { ...toDraft({ name: 'Fest', hosted_page: null }), language: 'de', form };
    const result = validatePageConfig(toDocument(draft));
    expect(result.ok, JSON.stringify(result)).toBe(true);
    if (!result.ok) return;
    expect(result.config.form).toMatchObject({ submit_label: 'Senden', success_message: 'Vielen Dank!' });
  });

  it('derives only names the server accepts', () => {
    fc.assert(fc.property(fc.string({ maxLength: 120 }), (label) => FIELD_NAME_PATTERN.test(fieldName(label, []))));
  });

  it('sends a document the server validates, each block with its own properties only', () => {
    const blocks = (['heading', 'paragraph', 'image', 'link', 'button'] as const).map((type) => ({ ...newBlock(type), text: ` ${type} text `, url: 'https://example.com/x', alt: 'A picture' }));
    const form = newForm();
    const email = { ...newField('Email', []), type: 'email' as const, required: true, placeholder: '  ', help_text: 'We write once.' };
    const size = { ...newField('Size', [email]), type: 'select' as const, options: ['S', ' M ', '', 'L'], max_length: 80 };
    const guests = { ...newField('Guests', [email, size]), type: 'number' as const, min: 0, max: 5 };
    const draft = { ...toDraft({ name: 'Fair', hosted_page: null }), blocks, form: { ...form, fields: [email, size, guests], next_url: ' ' } };
    const document = toDocument(draft);
    const result = validatePageConfig(document);
    expect(result.ok, JSON.stringify(result)).toBe(true);
    expect(document.blocks).toEqual([
      { type: 'heading', text: 'heading text', level: 2 },
      { type: 'paragraph', text: 'paragraph text' },
      { type: 'image', url: 'https://example.com/x', alt: 'A picture' },
      { type: 'link', text: 'link text', url: 'https://example.com/x' },
      { type: 'button', text: 'button text', url: 'https://example.com/x' },
    ]);
    const fields = (document.form as { fields: Record<string, unknown>[]; next_url: unknown }).fields;
    // Empty text becomes null, a select's blank choices go, limits that do not apply to a type are dropped.
    expect(fields[0]).toMatchObject({ name: 'email', placeholder: null, help_text: 'We write once.' });
    expect(fields[1]).toMatchObject({ name: 'size', options: ['S', 'M', 'L'], max_length: null });
    expect(fields[2]).toMatchObject({ name: 'guests', min: 0, max: 5, options: null });
    expect((document.form as { next_url: unknown }).next_url).toBeNull();
    expect(fields.every((f) => !('key' in f) && !('stored' in f))).toBe(true);
  });

  it('reads a stored page back to the same document', () => {
    const stored = validatePageConfig({
      title: 'Menu',
      language: 'fr',
      published: true,
      blocks: [
        { type: 'heading', text: 'Carte', level: 1 },
        { type: 'button', text: 'Commander', url: 'https://example.com/order' },
      ],
      form: { fields: [{ name: 'dish', label: 'Plat', type: 'text', max_length: 80 }], submit_label: 'Envoyer' },
    });
    if (!stored.ok) throw new Error(JSON.stringify(stored.errors));
    const draft = toDraft({ name: 'Menu', hosted_page: stored.config as never });
    expect(draft.form?.fields[0]?.stored).toBe(true);
    expect(toDocument(draft)).toEqual(JSON.parse(JSON.stringify(stored.config)));
  });

  it('moves rows within the list only', () => {
    expect(moved(['a', 'b', 'c'], 2, -1)).toEqual(['a', 'c', 'b']);
    expect(moved(['a', 'b', 'c'], 0, -1)).toEqual(['a', 'b', 'c']);
    expect(moved(['a', 'b', 'c'], 2, 1)).toEqual(['a', 'b', 'c']);
  });

  it('makes an address from a name', () => {
    expect(slugFrom('Spring Fair 2027!')).toBe('spring-fair-2027');
    expect(slugFrom('Café crème')).toBe('cafe-creme');
    expect(slugFrom('---')).toBe('');
  });

  // Only ASCII letters, digits and hyphens make an address (the API's rule): a name in another
  // script is offered nothing rather than its digits alone; the field's example shows the form.
  it.each([
    ['Spring Fair 2027!', 'spring-fair-2027'],
    ['Café crème', 'cafe-creme'],
    ['A1', 'a1'],
    ['東京 Tokyo', 'tokyo'],
    ['Ｍｅｎｕ 春', 'menu'],
    ['春のメニュー ポスター — 本店 2026 限定版 (テスト)', ''],
    ['معرض الربيع 2026', ''],
    ['春のメニュー X 2026', ''],
    ['Меню 2026', ''],
    ['2026', ''],
    ['---', ''],
  ])('offers %j the address %j', (name, slug) => {
    expect(suggestedSlug(name)).toBe(slug);
  });

  it('keeps the address field valid while it is typed, a hyphen at the end allowed', () => {
    expect(slugWhileTyping('Spring ')).toBe('spring-');
    expect(slugWhileTyping('Spring Fair')).toBe('spring-fair');
    expect(slugWhileTyping('Café_crème!!')).toBe('cafe-creme-');
    expect(slugWhileTyping(' -Menu')).toBe('menu');
    expect(slugWhileTyping('x'.repeat(80))).toHaveLength(64);
  });

  it('names blocks and fields in errors as the editor shows them', () => {
    const names = blockNames([newBlock('heading'), newBlock('link'), newBlock('heading')]);
    expect(names).toEqual([`${BLOCK_LABELS.heading} 1`, 'Link 1', 'Heading 2']);
    expect(describeField('blocks/1/url', names)).toBe('Link 1: address');
    expect(describeField('blocks/2', names)).toBe('Heading 2');
    expect(describeField('form/fields/0/options/2', names)).toBe('Question 1: choices 3');
    expect(describeField('form/submit_label', names)).toBe('Form: button text');
    expect(describeField('theme/accent_color', names)).toBe('Look: colour of buttons and links');
    expect(describeField('slug', names)).toBe('Address');
  });

  it("puts the names the server's messages mention in the editor's words", () => {
    const field = { name: 'guests', label: 'Guests', type: 'number', min: 10, max: 2 };
    const result = validatePageConfig({ title: 'T', form: { fields: [field] } });
    expect(result.ok).toBe(false);
    const refused = result.ok ? undefined : result.errors.find((e) => e.field === '/form/fields/0/min');
    expect(refused?.message).toBe('must not be greater than max');
    const path = refused!.field.slice(1);
    expect(`${describeField(path, [])} ${pageMessage(refused!.message)}`).toBe('Question 1: lowest number must not be greater than highest number');
    expect(pageMessage('needs next_url and a submit_label')).toBe('needs address after sending and a button text');
    // A form with no questions reads as something to do, in the editor's word for fields.
    const empty = validatePageConfig({ title: 'T', form: { fields: [] } });
    const none = empty.ok ? undefined : empty.errors.find((e) => e.field === '/form/fields');
    expect(`${describeField(none!.field.slice(1), [])} ${pageMessage(none!.message)}`).toBe('Form: add at least one question (up to 30)');
    // Plain words in messages stay words.
    expect(pageMessage('must be a language tag such as en; text must not be empty')).toBe('must be a language tag such as en; text must not be empty');
  });
});
