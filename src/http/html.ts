// The one way Tessera writes HTML: the `html` tag escapes every interpolation unless it is
// already SafeHtml (a nested `html` template or `trustedHtml`), so text from owners, visitors or
// the database can only ever reach a page as text. No other file builds markup from strings.

/** Markup that is safe to emit as is: built by `html`, or wrapped explicitly with `trustedHtml`. */
export class SafeHtml {
  readonly value: string;
  constructor(value: string) {
    this.value = value;
  }
  toString(): string {
    return this.value;
  }
}

/** What an `html` template accepts: text and numbers are escaped, SafeHtml is kept, lists are joined, null/undefined/false render nothing. */
export type Interpolation = SafeHtml | string | number | boolean | null | undefined | readonly Interpolation[];

const ENTITIES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;', '`': '&#96;' };
const SPECIAL = /[&<>"'`]/g;
// A value right after `=` would be an unquoted attribute, where escaping does not stop `x onload=…`.
const UNQUOTED_ATTRIBUTE = /=\s*$/;
const checkedTemplates = new WeakSet<TemplateStringsArray>();

function escape(text: string): string {
  return text.replace(SPECIAL, (c) => ENTITIES[c]!);
}

function render(value: Interpolation): string {
  if (value === null || value === undefined || value === false) return '';
  if (value instanceof SafeHtml) return value.value;
  if (Array.isArray(value)) return (value as readonly Interpolation[]).map(render).join('');
  return escape(String(value));
}

// Each call site passes the same TemplateStringsArray every time, so its shape is checked once.
function checkTemplate(strings: TemplateStringsArray): void {
  if (checkedTemplates.has(strings)) return;
  for (let i = 0; i < strings.length - 1; i++) {
    if (UNQUOTED_ATTRIBUTE.test(strings[i]!)) throw new Error(`html: interpolation ${i} is an unquoted attribute value; quote it ("\${…}")`);
  }
  checkedTemplates.add(strings);
}

/** Tagged template: the literal parts are trusted markup, every interpolation is escaped (nested templates are kept as they are). */
export function html(strings: TemplateStringsArray, ...values: Interpolation[]): SafeHtml {
  checkTemplate(strings);
  let out = strings[0]!;
  for (let i = 0; i < values.length; i++) out += render(values[i]!) + strings[i + 1]!;
  return new SafeHtml(out);
}

/** Marks markup that Tessera itself wrote (an inline SVG icon, a stylesheet) as safe. Never pass text that came from outside. */
export function trustedHtml(markup: string): SafeHtml {
  return new SafeHtml(markup);
}
