// The page chrome catalogue: every key in every language with the same placeholders, plurals
// that make sense, and the language picked from a hosted page or Accept-Language (q-values).
import { describe, expect, it } from 'vitest';
import { html } from '../../src/http/html.ts';
import { CATALOGUES, languageFromAcceptLanguage, PAGE_LANGUAGES, pageLanguage, translator } from '../../src/http/page/language.ts';
import { type Message, placeholdersOf } from '../../src/http/page/messages/catalogue.ts';
import { en } from '../../src/http/page/messages/en.ts';
import { exactTimeUtc, relativeTime } from '../../src/http/page/times.ts';

describe('page catalogue', () => {
  it('speaks at least English, German, French and Spanish', () => {
    expect(PAGE_LANGUAGES).toEqual(expect.arrayContaining(['en', 'de', 'fr', 'es']));
  });

  it('has every key in every language, no extra key, and the same placeholders as English', () => {
    const keys = Object.keys(en).sort();
    for (const lang of PAGE_LANGUAGES) {
      const catalogue = CATALOGUES[lang]! as Record<string, Message>;
      expect(Object.keys(catalogue).sort(), lang).toEqual(keys);
      for (const key of keys) {
        const message = catalogue[key]!;
        expect([...placeholdersOf(message)].sort(), `${lang} ${key}`).toEqual([...placeholdersOf((en as Record<string, Message>)[key]!)].sort());
        if (typeof message === 'string') expect(message.trim(), `${lang} ${key}`).not.toBe('');
        else expect(message.other.trim(), `${lang} ${key}`).not.toBe('');
      }
    }
  });

  it('never puts an internal name on a page', () => {
    for (const lang of PAGE_LANGUAGES) {
      const text = JSON.stringify(CATALOGUES[lang]);
      expect(text, lang).not.toMatch(/\b(ACTIVE|BOUND|FINALIZED|ARCHIVAL|HMAC|magic|nonce|kid)\b/);
    }
  });

  it('picks plural forms and formats numbers in the language', () => {
    expect(translator('en').text('item.views.left', { count: 1 })).toBe('You can open this one more time.');
    expect(translator('en').text('item.views.left', { count: 1200 })).toBe('You can open this 1,200 more times.');
    expect(translator('de').text('item.views.left', { count: 1200 })).toBe('Sie können dies noch 1.200 Mal öffnen.');
    expect(translator('fr').text('form.summary', { count: 1 })).toBe('Une réponse pose problème');
  });

  it('escapes the message and its text parameters, and keeps markup parameters', () => {
    expect(translator('en').html('code.archived.bodyOwner', { owner: '<b>Acme</b>' }).value).toContain('&lt;b&gt;Acme&lt;/b&gt; has ended');
    expect(translator('en').html('item.expires', { when: html`<time>soon</time>` }).value).toBe('Expires <time>soon</time>.');
  });
});

describe('page language', () => {
  it('honours q-values, then order, ignoring unsupported and q=0 ranges', () => {
    expect(languageFromAcceptLanguage('fr;q=0.4, de-AT;q=0.9, en;q=0.5')).toBe('de');
    expect(languageFromAcceptLanguage('ja, es-MX, fr')).toBe('es');
    expect(languageFromAcceptLanguage('de;q=0, fr;q=0.1')).toBe('fr');
    expect(languageFromAcceptLanguage('en-GB,en;q=0.9')).toBe('en');
    expect(languageFromAcceptLanguage('*')).toBeNull();
    expect(languageFromAcceptLanguage('ja, zh;q=0.8')).toBeNull();
    expect(languageFromAcceptLanguage(undefined)).toBeNull();
    expect(languageFromAcceptLanguage('de;q=abc, es;q=2')).toBeNull();
    expect(languageFromAcceptLanguage(`${'x-'.repeat(1000)}, de`)).toBeNull();
  });

  it("prefers a hosted page's own language when Tessera speaks it", () => {
    expect(pageLanguage('de', 'es')).toBe('es');
    expect(pageLanguage('de', 'pt-BR')).toBe('de');
    expect(pageLanguage(undefined, 'it')).toBe('en');
    expect(pageLanguage(undefined)).toBe('en');
  });
});

describe('times in words', () => {
  const now = Date.parse('2026-03-01T12:00:00Z');
  it('says how far away a time is in the language, and the exact time in UTC with the zone named', () => {
    expect(relativeTime('en', now + 2 * 3_600_000, now)).toBe('in 2 hours');
    expect(relativeTime('en', now - 120_000, now)).toBe('2 minutes ago');
    expect(relativeTime('en', now + 26 * 3_600_000, now)).toBe('tomorrow');
    expect(relativeTime('de', now + 5 * 86_400_000, now)).toBe('in 5 Tagen');
    expect(relativeTime('es', now + 30_000, now)).toBe('dentro de 30 segundos');
    expect(exactTimeUtc('en', now)).toBe('Mar 1, 2026, 12:00 PM UTC');
    expect(exactTimeUtc('de', now)).toBe('1. März 2026, 12:00 UTC');
  });

  it('counts days by the calendar of the exact time beside it: 26 hours from 23:00 is the day after tomorrow, not "tomorrow"', () => {
    const lateEvening = Date.parse('2026-03-01T23:00:00Z');
    // Expires 2026-03-03 01:00 UTC: "tomorrow (Mar 3, …)" contradicted the date beside it.
    expect(relativeTime('en', lateEvening + 26 * 3_600_000, lateEvening)).toBe('in 2 days');
    expect(relativeTime('en', lateEvening - 26 * 3_600_000, lateEvening)).toBe('yesterday');
    const earlyMorning = Date.parse('2026-03-01T00:30:00Z');
    expect(relativeTime('en', earlyMorning + 47 * 3_600_000, earlyMorning)).toBe('tomorrow');
    expect(relativeTime('de', earlyMorning + 5 * 86_400_000, earlyMorning)).toBe('in 5 Tagen');
  });
});
