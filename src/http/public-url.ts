// Whether a URL that an account shows to the public (a logo, a page image or link) is acceptable:
// an absolute http(s) URL without credentials, spaces or control characters.

/** Longest URL accepted in a page or a branding setting. */
export const MAX_PUBLIC_URL_LENGTH = 2048;

/** Why `text` is not an acceptable link or image URL, or null when it is. */
export function publicUrlProblem(text: string): string | null {
  if (text.length > MAX_PUBLIC_URL_LENGTH) return `must be at most ${MAX_PUBLIC_URL_LENGTH} characters`;
  if (/[\s\u0000-\u001f\u007f]/.test(text)) return 'must not contain spaces or control characters';
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    return 'must be an absolute URL such as https://example.com/';
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') return 'must be an http:// or https:// URL';
  if (url.username || url.password) return 'must not carry a user name or password';
  return null;
}
