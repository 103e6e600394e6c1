import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { html, raw } from '../../src/modules/pages/html.ts';
import { type PageConfig, validatePageConfig } from '../../src/modules/pages/page-config.ts';
import { renderPage } from '../../src/modules/pages/page-html.ts';
import { contrastRatio, resolveTheme } from '../../src/modules/pages/theme.ts';

const XSS = ['<script>alert(1)</script>', '"><img src=x onerror=alert(1)>', "'><svg onload=alert(1)>"];

function config(input: unknown): PageConfig {
  const result = validatePageConfig(input);
  if (!result.ok) throw new Error(JSON.stringify(result.errors));
  return result.config;
}

describe('html tag', () => {
  it('escapes interpolations and keeps nested html and raw markup', () => {
    expect(html`<p title="${'"x"'}">${'<b>&'}</p>`.value).toBe('<p title="&quot;x&quot;">&lt;b&gt;&amp;</p>');
    expect(html`<ul>${['<a>', html`<li>${"'"}</li>`]}</ul>`.value).toBe('<ul>&lt;a&gt;<li>&#39;</li></ul>');
    expect(html`${raw('<hr>')}${null}${undefined}${false}${0}`.value).toBe('<hr>0');
  });
});

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
      const out = renderPage(page, '/api/v1/forms/submit/abc', { values: { a: payload, b: payload, c: `</textarea>${payload}` }, errors: { a: payload } }).html;
      expect(out).not.toContain('<script');
      expect(out).not.toMatch(/<img src=x/i);
      expect(out).not.toMatch(/<svg/i);
      // An event handler may only appear as escaped text, never as an attribute of a tag (the
      // escaped attribute values cannot contain a quote, so blanking them leaves only real markup).
      expect(out.replace(/="[^"]*"/g, '=""')).not.toMatch(/<[a-z]+[^>]*\son(error|load)=/i);
      expect(out).not.toContain('"><img');
      expect(out).not.toContain("'><svg");
      expect(out.match(/<\/textarea>/g)).toHaveLength(1);
    }
  });

  it('binds every label to its control and marks required fields and errors accessibly', () => {
    const page = config({ title: 'T', language: 'pt-BR', form: { fields: [{ name: 'email', label: 'Email', type: 'email', required: true, help_text: 'We reply here' }, { name: 'ok', label: 'I agree', type: 'checkbox', required: true }] } });
    const out = renderPage(page, '/submit', { values: { email: 'x' }, errors: { email: 'must be an email address' } }).html;
    expect(out).toContain('<html lang="pt-BR">');
    expect(out).toContain('<meta name="viewport" content="width=device-width, initial-scale=1">');
    expect(out).toContain('<label for="f-email">');
    expect(out).toMatch(/<input type="email" id="f-email" name="email" required aria-describedby="f-email-error f-email-help" aria-invalid="true" maxlength="500"/);
    expect(out).toContain('<label for="f-ok">');
    expect(out).toContain('role="alert"');
    expect(out).toContain('<title>Error: T</title>');
    expect(out).toMatch(/name="_website" tabindex="-1" autocomplete="off"/);
  });

  it('sends a CSP whose style hash matches the inline stylesheet, and no script at all', () => {
    const rendered = renderPage(config({ title: 'T', theme: { background_color: '#102030', text_color: '#fafafa' } }), '/submit');
    const css = /<style>([\s\S]*?)<\/style>/.exec(rendered.html)![1]!;
    const hash = createHash('sha256').update(css).digest('base64');
    expect(rendered.contentSecurityPolicy).toContain(`style-src 'sha256-${hash}'`);
    expect(rendered.contentSecurityPolicy).toContain("default-src 'none'");
    expect(rendered.contentSecurityPolicy).toContain("form-action 'self'");
    expect(rendered.contentSecurityPolicy).toContain("frame-ancestors 'none'");
    expect(rendered.contentSecurityPolicy).not.toMatch(/script-src|unsafe-inline/);
    expect(css).toContain('--bg:#102030');
  });
});

describe('theme contrast', () => {
  it('computes WCAG ratios', () => {
    expect(contrastRatio('#000000', '#ffffff')).toBeCloseTo(21, 5);
    expect(contrastRatio('#767676', '#ffffff')).toBeCloseTo(4.54, 2);
  });

  it('falls back to readable defaults when the owner picks low-contrast colours', () => {
    const low = resolveTheme({ background_color: '#ffffff', text_color: '#eeeeee', accent_color: '#ffff00', logo_url: null, logo_alt: '' });
    expect(low.background).toBe('#ffffff');
    expect(low.text).toBe('#1a1a1a');
    expect(contrastRatio(low.accent, low.accentText)).toBeGreaterThanOrEqual(4.5);
    expect(contrastRatio(low.link, low.background)).toBeGreaterThanOrEqual(4.5);
    const dark = resolveTheme({ background_color: '#101010', text_color: '#f0f0f0', accent_color: '#ffcc00', logo_url: null, logo_alt: '' });
    expect(dark).toMatchObject({ background: '#101010', text: '#f0f0f0', accent: '#ffcc00', accentText: '#000000', link: '#ffcc00' });
  });
});
