// A short link as a line of text in a narrow column: when it does not fit, its host is cut short
// with an ellipsis, never its short code (the part people read out and check); the whole address
// is its title and what the row's Copy action copies.
import { cn } from './ui/cn.ts';

/** The address without its scheme, split before the short code: ["tessera.example", "/ohEGHg4"]. */
export function shortLinkParts(url: string): [host: string, code: string] {
  const text = url.replace(/^https?:\/\//, '').replace(/\/$/, '');
  const cut = text.lastIndexOf('/');
  return cut > 0 ? [text.slice(0, cut), text.slice(cut)] : [text, ''];
}

export function ShortLink({ url, className }: { url: string; className?: string }) {
  const [host, code] = shortLinkParts(url);
  return (
    <p title={url} className={cn('flex min-w-0', className)}>
      <span className="truncate">{host}</span>
      <span className="shrink-0 whitespace-nowrap" data-testid="short-code">
        {code}
      </span>
    </p>
  );
}
