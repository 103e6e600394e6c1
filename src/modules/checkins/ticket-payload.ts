// Reading what a gate scanner saw: the live URL a morphing code encodes,
// `{public_url}/{short_code}?k={token}`. Anything else is not one of this instance's tickets.

/** The parts of a scanned ticket URL. */
export interface TicketPayload {
  shortCode: string;
  /** The step token, or null when the URL carries none (a printed short link). */
  token: string | null;
}

const CODE = /^[A-Za-z0-9]{1,32}$/;

/** Parses scanned text against this instance's public URL; null when it is not a ticket URL of ours. */
export function parseTicketPayload(payload: string, publicUrl: string): TicketPayload | null {
  let url: URL;
  let base: URL;
  try {
    url = new URL(payload.trim());
    base = new URL(`${publicUrl}/`);
  } catch {
    return null;
  }
  if (url.origin !== base.origin || !url.pathname.startsWith(base.pathname)) return null;
  const shortCode = url.pathname.slice(base.pathname.length);
  if (!CODE.test(shortCode)) return null;
  const tokens = url.searchParams.getAll('k');
  if (tokens.length > 1) return null;
  return { shortCode, token: tokens[0] ?? null };
}
