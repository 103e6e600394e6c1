// What / and /app answer when the dashboard was never built (a production install without a
// build stage, or a checkout where `npm run build:web` has not run): how to fix it, not a 404.

/** Body of the 503 page. */
export const NOT_BUILT_PAGE = `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1">
<meta name="robots" content="noindex"><title>Tessera dashboard not built</title>
<style>body{font-family:system-ui,sans-serif;display:grid;place-items:center;min-height:100vh;margin:0;background:#fafafa;color:#18181b}
main{max-width:32rem;padding:2rem}h1{font-size:1.25rem;margin:0 0 .75rem}p{margin:0 0 .75rem;line-height:1.5;color:#52525b}code{font-size:.9em}</style>
</head><body><main><h1>The dashboard has not been built</h1>
<p>This Tessera server is running and its API answers, but the web dashboard's files are missing from <code>web/dist</code>.</p>
<p>Run <code>npm run build:web</code> (or start with <code>npm start</code>, which builds it when needed) and reload this page. The API reference is at <a href="/docs">/docs</a>.</p>
</main></body></html>
`;
