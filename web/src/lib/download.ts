// Saving what the browser made or fetched as a file.

/** Offers `blob` as a download named `filename`. */
export function saveBlob(blob: Blob, filename: string): void {
  const url = URL.createObjectURL(blob);
  const a = document.createElement('a');
  a.href = url;
  a.download = filename;
  a.rel = 'noopener';
  document.body.append(a);
  a.click();
  a.remove();
  // The download has started by the next task; the URL is not needed after that.
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

/**
 * A file-name-safe version of a campaign name: "Crème brûlée" → "Creme-brulee". Accents are
 * dropped from Latin letters (decomposed, the marks removed) rather than each becoming a hyphen;
 * letters of other scripts stay whole with their own marks (ポ keeps its dakuten, हि its vowel
 * sign), as a download's name may hold any letter. Anything else becomes a single hyphen.
 */
export function fileSafe(name: string, fallback = 'qr-code'): string {
  const cleaned = name
    .normalize('NFKD')
    .replace(/(\p{Script=Latin})\p{M}+/gu, '$1')
    .normalize('NFC')
    .replace(/[^\p{L}\p{M}\p{N}_.-]+/gu, '-')
    .replace(/^-+|-+$/g, '');
  // At most 60 characters, counted as such (never half of a surrogate pair).
  return Array.from(cleaned).slice(0, 60).join('').replace(/-+$/, '') || fallback;
}
