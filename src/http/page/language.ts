// Which language a public page speaks: the hosted page's own `language` when Tessera has a
// catalogue for it, otherwise the visitor's Accept-Language (q-values honoured), otherwise English.
import { type Catalogue, Translator } from './messages/catalogue.ts';
import { de } from './messages/de.ts';
import { en } from './messages/en.ts';
import { es } from './messages/es.ts';
import { fr } from './messages/fr.ts';

/** Every catalogue, by primary language subtag. English is the fallback. */
export const CATALOGUES: Readonly<Record<string, Catalogue>> = { en, de, fr, es };
/** The languages public pages speak. */
export const PAGE_LANGUAGES = Object.keys(CATALOGUES);
export const DEFAULT_LANGUAGE = 'en';

const translators = new Map<string, Translator>(PAGE_LANGUAGES.map((lang) => [lang, new Translator(lang, CATALOGUES[lang]!)]));
// A header longer than this is not a browser's; its tail is ignored rather than parsed.
const MAX_HEADER = 512;

function primary(tag: string): string {
  return tag.trim().toLowerCase().split(/[-_]/)[0]!;
}

/** The supported language of a BCP 47 tag (`de-CH` → `de`), or null. */
export function supportedLanguage(tag: string | null | undefined): string | null {
  if (!tag) return null;
  const lang = primary(tag);
  return lang in CATALOGUES ? lang : null;
}

/** The best supported language in an Accept-Language header, by q-value then order; null when none fits. */
export function languageFromAcceptLanguage(header: string | string[] | undefined): string | null {
  const text = (Array.isArray(header) ? header.join(',') : (header ?? '')).slice(0, MAX_HEADER);
  let best: { lang: string; q: number; index: number } | null = null;
  text.split(',').forEach((entry, index) => {
    const [range, ...params] = entry.split(';');
    if (!range || range.trim() === '' || range.trim() === '*') return;
    let q = 1;
    for (const param of params) {
      const [name, value] = param.split('=');
      if (name?.trim().toLowerCase() === 'q') {
        q = Number(value);
        if (!Number.isFinite(q) || q < 0 || q > 1) q = 0;
      }
    }
    const lang = supportedLanguage(range);
    if (lang === null || q <= 0) return;
    if (best === null || q > best.q) best = { lang, q, index };
  });
  return (best as { lang: string } | null)?.lang ?? null;
}

/** The page language: `preferred` (a hosted page's language) when supported, else Accept-Language, else English. */
export function pageLanguage(acceptLanguage: string | string[] | undefined, preferred?: string | null): string {
  return supportedLanguage(preferred) ?? languageFromAcceptLanguage(acceptLanguage) ?? DEFAULT_LANGUAGE;
}

/** The translator of a supported language (English for anything else). */
export function translator(lang: string): Translator {
  return translators.get(lang) ?? translators.get(DEFAULT_LANGUAGE)!;
}
