// A short link as a line of text in a narrow column: when it does not fit, its host is cut short
// with an ellipsis, never its short code (the part people read out and check); the whole address
// is its title and what the row's Copy action copies. A static code's address is its destination,
// not a short link: it is cut at its end instead.
import { readableUrl } from '../lib/url.ts';
import { cn } from './ui/cn.ts';

/** The address without its scheme, split before the short code: ["tessera.example", "/ohEGHg4"]. */
export function shortLinkParts(url: string): [host: string, code: string] {
  const text = url.replace(/^https?:\/\//, '').replace(/\/$/, '');
  const cut = text.lastIndexOf('/');
  return cut > 0 ? [text.slice(0, cut), text.slice(cut)] : [text, ''];
}

/**
 * `whole` is for an address with no short code (a static code's link is its destination): it is cut
 * at its end like any long text, since its last segment can be any length, and shown readable
 * (readableUrl: a non-Latin path as its letters, not percent-encoded).
 */
export function ShortLink({ url, whole = false, className }: { url: string; whole?: boolean; className?: string }) {
  const [host, code] = shortLinkParts(url);
  if (whole) {
    const readable = readableUrl(url);
    return (
      <p title={readable} className={cn('truncate', className)}>
        {shortLinkParts(readable).join('')}
      </p>
    );
  }
  return (
    <p title={url} className={cn('flex min-w-0', className)}>
      <span className="truncate">{host}</span>
      <span className="shrink-0 whitespace-nowrap" data-testid="short-code">
        {code}
      </span>
    </p>
  );
}
