// The one http(s) URL checker and the wording each caller gives its problems.
import { describe, expect, it } from 'vitest';
import { normalisePublicUrl } from '../../src/http/public-url.ts';
import { checkHttpUrl } from '../../src/http/url.ts';
import { checkDestination } from '../../src/modules/campaigns/destination.ts';
import { checkUrlShape } from '../../src/modules/webhooks/ssrf-guard.ts';

const problem = (text: string, rules = {}) => {
  const check = checkHttpUrl(text, rules);
  return check.ok ? null : check.problem;
};

describe('checkHttpUrl', () => {
  it('accepts absolute http and https URLs and returns them parsed', () => {
    const check = checkHttpUrl('https://Example.com/a b');
    expect(check.ok && check.url.href).toBe('https://example.com/a%20b');
    expect(checkHttpUrl('http://127.0.0.1:8080').ok).toBe(true);
  });

  it('refuses relative text, other schemes and credentials, naming the scheme', () => {
    expect(problem('/relative')).toEqual({ code: 'not_absolute' });
    expect(problem('javascript:alert(1)')).toEqual({ code: 'scheme', scheme: 'javascript' });
    expect(problem('ftp://example.com/')).toEqual({ code: 'scheme', scheme: 'ftp' });
    expect(problem('https://user:pw@example.com/')).toEqual({ code: 'credentials' });
    expect(problem('https://user@example.com/')).toEqual({ code: 'credentials' });
  });

  it('refuses port 0, which nothing listens on, in every spelling', () => {
    for (const text of ['https://93.184.216.34:0/', 'http://example.com:0', 'https://example.com:00/x']) expect(problem(text)).toEqual({ code: 'port_zero' });
    expect(problem('https://example.com:443/')).toBeNull();
    expect(checkDestination('https://example.com:0/')).toMatchObject({ ok: false, reason: expect.stringContaining('port 0') });
    expect(() => checkUrlShape('https://93.184.216.34:0/', true)).toThrow(/port 0/);
  });

  it('applies only the rules a caller asks for', () => {
    expect(problem('http://example.com/', { httpsOnly: true })).toEqual({ code: 'https_required' });
    expect(problem('ftp://example.com/', { httpsOnly: true })).toEqual({ code: 'scheme', scheme: 'ftp' });
    expect(problem(`https://example.com/${'a'.repeat(30)}`, { maxLength: 30 })).toEqual({ code: 'too_long', max: 30 });
    expect(problem('https://example.com/a b')).toBeNull();
    expect(problem('https://example.com/a b', { plainText: true })).toEqual({ code: 'unsafe_characters' });
  });

  it.each(['\u0000', '\t', '\n', '\u007f', '\u0085', '\u009b', '\u00a0', '\u2028', '\u3000', '\ufeff'])('plainText refuses %j anywhere in the text', (c) => {
    expect(problem(`https://example.com/a${c}b`, { plainText: true })).toEqual({ code: 'unsafe_characters' });
  });
});

describe('each caller keeps its wording', () => {
  it('destinations', () => {
    expect(checkDestination(' https://example.com/x ')).toEqual({ ok: true, url: 'https://example.com/x' });
    expect(checkDestination('mailto:a@example.com')).toEqual({ ok: false, reason: "must be a web link starting with https:// or http:// ('mailto:' links are not allowed)" });
    expect(checkDestination('https://a:b@example.com/')).toEqual({ ok: false, reason: 'must not contain credentials (user:password@)' });
    expect(checkDestination('https://example.com/a b')).toEqual({
      ok: false,
      reason: 'must not contain spaces or invisible characters: check that the whole link was copied (a space inside a link is written %20)',
    });
    expect(checkDestination('example.com')).toEqual({ ok: false, reason: 'must be an absolute URL such as https://example.com/page' });
    expect(checkDestination(`https://example.com/${'a'.repeat(2048)}`)).toEqual({ ok: false, reason: 'must be at most 2048 characters' });
    // Short as typed, longer once the parser percent-encodes it.
    expect(checkDestination(`https://example.com/${'é'.repeat(1000)}`)).toEqual({ ok: false, reason: 'must be at most 2048 characters once normalised' });
  });

  it('public links and logos', () => {
    const publicUrlProblem = (text: string) => {
      const checked = normalisePublicUrl(text);
      return 'problem' in checked ? checked.problem : null;
    };
    expect(normalisePublicUrl('HTTPS://Example.COM/a"b')).toEqual({ url: 'https://example.com/a%22b' });
    expect(publicUrlProblem('https://example.com/logo.png')).toBeNull();
    expect(publicUrlProblem('data:image/png;base64,AAAA')).toBe('must be an http:// or https:// URL');
    expect(publicUrlProblem('https://u:p@example.com/')).toBe('must not carry a user name or password');
    expect(publicUrlProblem('logo.png')).toBe('must be an absolute URL such as https://example.com/');
    expect(publicUrlProblem('https://example.com/\u0085')).toBe('must not contain spaces or control characters');
    expect(publicUrlProblem(`https://example.com/${'a'.repeat(2048)}`)).toBe('must be at most 2048 characters');
  });

  it('webhook endpoints', () => {
    expect(checkUrlShape('http://example.com/hook', false).href).toBe('http://example.com/hook');
    expect(() => checkUrlShape('http://example.com/hook', true)).toThrow('must use https:// in production');
    expect(() => checkUrlShape('ftp://example.com/hook', true)).toThrow("must start with https:// (or http:// outside production); 'ftp:' is not a web address");
    expect(() => checkUrlShape('localhost:1/hook', false)).toThrow("'localhost:' is not a web address");
    expect(() => checkUrlShape('https://a:b@example.com/hook', false)).toThrow('must not contain credentials; authenticate the request with the webhook signature');
    expect(() => checkUrlShape('not a url', false)).toThrow('is not an absolute URL such as https://example.com/webhooks');
  });
});
