// The small HTML pages a person sees when a scanned code does not lead anywhere.

function page(title: string, message: string): string {
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1">
<meta name="robots" content="noindex"><title>${title}</title>
<style>body{font-family:system-ui,sans-serif;display:grid;place-items:center;min-height:100vh;margin:0;background:#f6f7f9;color:#1f2933}
main{max-width:28rem;padding:2rem;text-align:center}h1{font-size:1.4rem;margin:0 0 .5rem}p{margin:0;line-height:1.5;color:#52606d}</style>
</head><body><main><h1>${title}</h1><p>${message}</p></main></body></html>
`;
}

/** Body of the 404 page for a code that does not exist. */
export const NOT_FOUND_PAGE = page('This code does not exist', 'The QR code or link you followed is not known here. Check that it was typed or scanned completely.');

/** Body of the 410 page for an archived campaign. */
export const ARCHIVED_PAGE = page('This code is no longer active', 'The campaign behind this QR code has ended and its link has been archived by its owner.');
