// The catalogue of page chrome strings and the translator pages use. A message is text with
// `{name}` placeholders, or plural forms chosen by the `count` parameter through Intl.PluralRules.
import { html, type Interpolation, type SafeHtml } from '../../html.ts';
import type { en } from './en.ts';

/** One message: text, or plural forms (CLDR categories; `other` is required). */
export type Message = string | ({ other: string } & Partial<Record<Intl.LDMLPluralRule, string>>);
/** The key of a page string. */
export type MessageKey = keyof typeof en;
/** A full catalogue: every key of the English one. */
export type Catalogue = Record<MessageKey, Message>;
/** Parameters of a message: placeholders by name; `count` also picks the plural form. */
export type MessageParams = Record<string, Interpolation> & { count?: number };

const PLACEHOLDER = /\{(\w+)\}/g;

/** Translates keys for one language. */
export class Translator {
  readonly lang: string;
  private readonly catalogue: Catalogue;
  private readonly plurals: Intl.PluralRules;
  private readonly numbers: Intl.NumberFormat;

  constructor(lang: string, catalogue: Catalogue) {
    this.lang = lang;
    this.catalogue = catalogue;
    this.plurals = new Intl.PluralRules(lang);
    this.numbers = new Intl.NumberFormat(lang);
  }

  private template(key: MessageKey, count: number | undefined): string {
    const message = this.catalogue[key];
    if (typeof message === 'string') return message;
    return (count === undefined ? undefined : message[this.plurals.select(count)]) ?? message.other;
  }

  private value(params: MessageParams, name: string): Interpolation {
    if (name === 'count' && typeof params.count === 'number') return this.numbers.format(params.count);
    const value = params[name];
    return typeof value === 'number' ? this.numbers.format(value) : value;
  }

  /** The message as markup: its text escaped, each placeholder replaced by its parameter (escaped unless SafeHtml). */
  html(key: MessageKey, params: MessageParams = {}): SafeHtml {
    const parts = this.template(key, params.count).split(PLACEHOLDER);
    // split() with a capture group alternates literal text and placeholder names.
    return html`${parts.map((part, i) => (i % 2 === 0 ? part : this.value(params, part)))}`;
  }

  /** The message as plain text (for <title>, attributes and script data); parameters must be text or numbers. */
  text(key: MessageKey, params: Record<string, string | number> = {}): string {
    return this.template(key, typeof params.count === 'number' ? params.count : undefined).replace(PLACEHOLDER, (_match, name: string) => {
      const value = params[name];
      if (value === undefined) return `{${name}}`;
      return typeof value === 'number' ? this.numbers.format(value) : value;
    });
  }
}

/** The placeholders a message uses, in every plural form. */
export function placeholdersOf(message: Message): Set<string> {
  const texts = typeof message === 'string' ? [message] : Object.values(message);
  return new Set(texts.flatMap((text) => [...(text ?? '').matchAll(PLACEHOLDER)].map((m) => m[1]!)));
}
