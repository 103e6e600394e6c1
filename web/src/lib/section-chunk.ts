// A dashboard section's code (a lazy chunk) that did not arrive. TanStack Router's
// lazyRouteComponent reloads the tab for any failed chunk, meant for a stale deploy; with Tessera
// down that reload replaces the app with the browser's error page. So a failed import is checked
// first: if Tessera does not answer either, it is an outage shown in place with a retry; if it
// answers, the chunk is gone (a newer build) and the error page reloads the tab once.

/** Why a section's code could not be loaded. */
export class SectionLoadError extends Error {
  override name = 'SectionLoadError';
  /** True when Tessera answers (the chunk itself is missing: the tab runs an older build). */
  readonly stale: boolean;
  constructor(stale: boolean, options: { cause: unknown }) {
    super(stale ? 'Tessera has been updated since this tab was opened. Reload the page to continue.' : 'Tessera could not be reached. Check your connection and try again.', options);
    this.stale = stale;
  }
}

// Tessera's own liveness answer, not any answer: a reverse proxy answers 502/503/504 for it while
// Tessera is down, and reloading onto the proxy's error page is the outage this file avoids.
async function tesseraAnswers(): Promise<boolean> {
  try {
    const response = await fetch('/healthz', { cache: 'no-store' });
    return response.ok && (await response.json().catch(() => null)) !== null;
  } catch {
    return false;
  }
}

/** Wraps a section's dynamic import so that its failure is a SectionLoadError (never a tab reload by the router). */
export function importSection<T>(importer: () => Promise<T>): () => Promise<T> {
  return () =>
    importer().catch(async (cause: unknown) => {
      throw new SectionLoadError(await tesseraAnswers(), { cause });
    });
}

/** For a stale build, the session-storage key that marks this tab as reloaded for it; otherwise undefined. */
export function staleReloadKey(error: unknown): string | undefined {
  if (!(error instanceof SectionLoadError) || !error.stale) return undefined;
  return `tessera:reloaded:${error.cause instanceof Error ? error.cause.message : String(error.cause)}`;
}
