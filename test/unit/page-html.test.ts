import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { translator } from '../../src/http/page/language.ts';
import { NO_BRANDING } from '../../src/http/page/shell.ts';
import { type PageConfig, validatePageConfig } from '../../src/modules/pages/page-config.ts';
import { type FormState, renderHostedPage } from '../../src/modules/pages/page-html.ts';
import { contrastRatio, resolveTheme } from '../../src/modules/pages/theme.ts';

const renderPage = (config: PageConfig, action: string, state?: FormState) => renderHostedPage({ t: translator('en'), branding: NO_BRANDING }, config, action, state);

const XSS = ['<script>alert(1)</script>', '"><img src=x onerror=alert(1)>', "'><svg onload=alert(1)>"];

function config(input: unknown): PageConfig {
  const result = validatePageConfig(input);
  if (!result.ok) throw new Error(JSON.stringify(result.errors));
  return result.config;
}

describe('page renderer', () => {
  it('escapes XSS payloads in every text the owner or visitor controls', () => {
    for (const payload of XSS) {
      const page = config({
        title: payload,
        blocks: [
          { type: 'heading', text: payload },
          { type: 'paragraph', text: payload },
          { type: 'image', url: `https://example.com/${encodeURIComponent(payload)}`, alt: payload },
          { type: 'link', text: payload, url: 'https://example.com/?q="><script>' },
          { type: 'button', text: payload, url: 'https://example.com/' },
        ],
        theme: { logo_url: 'https://example.com/logo.png', logo_alt: payload },
        form: {
          submit_label: payload,
          fields: [
            { name: 'a', label: payload, help_text: payload, placeholder: payload },
            { name: 'b', label: payload, type: 'select', options: [payload, 'ok'] },
            { name: 'c', label: payload, type: 'textarea' },
          ],
        },
      });
      const out = renderPage(page, '/api/v1/forms/submit/abc', { values: { a: payload, b: payload, c: `</textarea>${payload}` }, errors: { a: { code: 'required' } } }).html;
      expect(out).not.toContain('<script');
      expect(out).not.toMatch(/<img src=x/i);
      expect(out).not.toMatch(/<svg/i);
      // An event handler may only appear as escaped text, never as an attribute of a tag (the
      // escaped attribute values cannot contain a quote, so blanking them leaves only real markup).
      expect(out.replace(/="[^"]*"/g, '=""')).not.toMatch(/<[a-z]+[^>]*\son(error|load)=/i);
      expect(out).not.toContain('"><img src=x');
      expect(out).not.toContain("'><svg");
      expect(out.match(/<\/textarea>/g)).toHaveLength(1);
    }
  });

  it('binds every label to its control and marks required fields and errors accessibly', () => {
    const page = config({
      title: 'T',
      language: 'pt-BR',
      form: {
        fields: [
          { name: 'email', label: 'Email', type: 'email', required: true, help_text: 'We reply here' },
          { name: 'ok', label: 'I agree', type: 'checkbox', required: true },
        ],
      },
    });
    const out = renderPage(page, '/submit', { values: { email: 'x' }, errors: { email: { code: 'email' } } }).html;
    expect(out).toContain('<html lang="pt-BR">');
    expect(out).toContain('<meta name="viewport" content="width=device-width, initial-scale=1">');
    expect(out).toContain('<label for="f-email">');
    expect(out).toMatch(/<input type="email" id="f-email" name="email" required aria-describedby="f-email-error f-email-help" aria-invalid="true" maxlength="500"/);
    expect(out).toContain('<label for="f-ok">');
    expect(out).toContain('role="alert"');
    expect(out).toContain('<title>Error: T</title>');
    expect(out).toMatch(/name="_website" tabindex="-1" autocomplete="off"/);
    // The honeypot, its label included, is kept out of the accessibility tree: only bots fill it in.
    expect(out).toMatch(/<div class="hp" aria-hidden="true"><label for="f-hp"[^>]*>Leave this empty<\/label><input type="text" id="f-hp" name="_website"/);
  });

  it('sends a CSP whose style hashes match the inline stylesheets, and no script at all', () => {
    const rendered = renderPage(config({ title: 'T', theme: { background_color: '#102030', text_color: '#fafafa' } }), '/submit');
    const sheets = [...rendered.html.matchAll(/<style>([\s\S]*?)<\/style>/g)].map((m) => m[1]!);
    expect(sheets).toHaveLength(2);
    for (const css of sheets) expect(rendered.contentSecurityPolicy).toContain(`'sha256-${createHash('sha256').update(css).digest('base64')}'`);
    expect(rendered.contentSecurityPolicy).toContain("default-src 'none'");
    expect(rendered.contentSecurityPolicy).toContain("form-action 'self'");
    expect(rendered.contentSecurityPolicy).toContain("frame-ancestors 'none'");
    expect(rendered.contentSecurityPolicy).toContain("font-src 'self'");
    expect(rendered.contentSecurityPolicy).not.toMatch(/script-src|unsafe-inline/);
    expect(sheets[1]).toContain('--bg:#102030');
    expect(sheets[1]).toContain('color-scheme:dark');
  });

  it("marks Tessera's words with their language when the page's own is one Tessera does not speak", () => {
    const page = config({ title: 'Festa', language: 'it', form: { fields: [{ name: 'email', label: 'Email', type: 'email', required: true }] } });
    const out = renderHostedPage({ t: translator('de'), branding: { name: 'Lumen', logoUrl: null, logoAlt: '', madeWithTessera: true } }, page, '/submit', {
      values: {},
      errors: { email: { code: 'required' } },
    }).html;
    expect(out).toContain('<html lang="it">');
    expect(out).toContain('<span class="req" lang="de">(Pflichtfeld)</span>');
    expect(out).toContain('<p class="field-error" id="f-email-error" lang="de">Füllen Sie dieses Feld aus.</p>');
    expect(out).toContain('<footer class="foot" lang="de">');
    const same = renderHostedPage({ t: translator('it' as 'en'), branding: NO_BRANDING }, config({ title: 'T', form: { fields: [{ name: 'a', label: 'A', required: true }] } }), '/submit').html;
    expect(same).not.toMatch(/ lang="(?!en")/);
  });

  it('shows the title once: a first heading that repeats it is left out', () => {
    const out = renderPage(
      config({
        title: 'Spring fair',
        blocks: [
          { type: 'heading', text: 'spring fair ', level: 1 },
          { type: 'paragraph', text: 'Hello' },
        ],
      }),
      '/submit',
    ).html;
    expect(out.match(/spring fair/gi)).toHaveLength(2); // <title> and <h1>
    expect(out).not.toContain('<h2>');
  });

  it('lets a page left on the default colours follow the system (dark mode), and keeps an owner palette in both', () => {
    expect(resolveTheme(config({ title: 'T' }).theme)).toMatchObject({ scheme: 'system', accent: '#7c3aed', accentText: '#ffffff' });
    expect(resolveTheme(config({ title: 'T', theme: { background_color: '#fdf6e3', text_color: '#073642' } }).theme)).toMatchObject({ scheme: 'fixed', dark: false });
    const plain = renderPage(config({ title: 'T' }), '/submit').html;
    expect(plain).toContain('<meta name="color-scheme" content="light dark">');
  });
});

describe('theme contrast', () => {
  it('computes WCAG ratios', () => {
    expect(contrastRatio('#000000', '#ffffff')).toBeCloseTo(21, 5);
    expect(contrastRatio('#767676', '#ffffff')).toBeCloseTo(4.54, 2);
  });

  it('falls back to readable defaults when the owner picks low-contrast colours', () => {
    const none = { logo_url: null, logo_alt: '', hero_image_url: null, hero_image_alt: '' };
    // Unreadable text falls back to the defaults, which follow the system palette.
    const low = resolveTheme({ background_color: '#ffffff', text_color: '#eeeeee', accent_color: '#ffff00', ...none });
    expect(low.scheme).toBe('system');
    expect(contrastRatio(low.accent, low.accentText)).toBeGreaterThanOrEqual(4.5);
    expect(contrastRatio(low.link, '#ffffff')).toBeGreaterThanOrEqual(4.5);
    if (low.scheme === 'system') expect(contrastRatio(low.linkOnDark, '#18181b')).toBeGreaterThanOrEqual(4.5);
    const dark = resolveTheme({ background_color: '#101010', text_color: '#f0f0f0', accent_color: '#ffcc00', ...none });
    expect(dark).toMatchObject({ scheme: 'fixed', background: '#101010', text: '#f0f0f0', dark: true, accent: '#ffcc00', accentText: '#000000', link: '#ffcc00' });
  });
});
