// The one HTML builder: interpolations are escaped unless already SafeHtml, nested templates
// compose without double escaping, and an unquoted attribute is refused outright.
import { describe, expect, it } from 'vitest';
import { html, SafeHtml, trustedHtml } from '../../src/http/html.ts';

describe('html tag', () => {
  it('escapes every interpolation in text and in quoted attributes', () => {
    expect(html`<p title="${'"x"'}">${'<b>&'}</p>`.value).toBe('<p title="&quot;x&quot;">&lt;b&gt;&amp;</p>');
    expect(html`<a href="${"javascript:alert('1')`"}">`.value).toBe('<a href="javascript:alert(&#39;1&#39;)&#96;">');
  });

  it('keeps nested templates and trusted markup as they are (no double escaping)', () => {
    const inner = html`<li>${'<x>'}</li>`;
    expect(html`<ul>${inner}${inner}</ul>`.value).toBe('<ul><li>&lt;x&gt;</li><li>&lt;x&gt;</li></ul>');
    expect(html`${trustedHtml('<hr>')}`.value).toBe('<hr>');
    expect(html`<ul>${['<a>', html`<li>${"'"}</li>`]}</ul>`.value).toBe('<ul>&lt;a&gt;<li>&#39;</li></ul>');
  });

  it('renders nothing for null, undefined and false; numbers and true as text', () => {
    expect(html`${null}${undefined}${false}${0}${true}`.value).toBe('0true');
  });

  it('refuses an interpolation in an unquoted attribute, where escaping would not help', () => {
    expect(() => html`<img src=${'x onerror=alert(1)'}>`).toThrow(/unquoted attribute/);
    expect(() => html`<img alt= ${'x'}>`).toThrow(/unquoted attribute/);
    expect(html`<p data-x="${'a'}" ${html`hidden`}>`.value).toBe('<p data-x="a" hidden>');
  });

  it('an object that merely looks like SafeHtml is still escaped', () => {
    const forged = { value: '<script>alert(1)</script>', toString: () => '<script>alert(1)</script>' } as unknown as string;
    expect(html`${forged}`.value).toBe('&lt;script&gt;alert(1)&lt;/script&gt;');
    expect(new SafeHtml('<b>').toString()).toBe('<b>');
  });
});
