// The static files of public pages, served from Tessera's own origin under content-hashed names
// (so they can be cached for a year): the Inter variable font from @fontsource-variable/inter
// (no font CDN), the small page script and a neutral icon. Read once, on first use.
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import type { FastifyInstance } from 'fastify';

/** Where the files are served. */
export const ASSET_PREFIX = '/static/';
const IMMUTABLE = 'public, max-age=31536000, immutable';

interface Asset {
  body: Buffer;
  type: string;
}

/** The page assets: their URLs and the @font-face rules that point at them. */
export interface PageAssets {
  /** URL of the page script. */
  scriptUrl: string;
  /**
   * URL of the pages' icon: a plain code glyph in grey, not Tessera's mark, since the pages speak
   * for the account that runs them. Without one every browser asked for /favicon.ico and got 404.
   */
  iconUrl: string;
  /** @font-face rules for every subset of Inter, with this server's font URLs. */
  fontFaceCss: string;
  /** URL of the latin subset, preloaded by pages (nearly every page needs it). */
  latinFontUrl: string;
  files: ReadonlyMap<string, Asset>;
}

let loaded: PageAssets | undefined;

function hashedName(base: string, ext: string, body: Buffer): string {
  return `${base}.${createHash('sha256').update(body).digest('hex').slice(0, 12)}.${ext}`;
}

function load(): PageAssets {
  const files = new Map<string, Asset>();
  const script = fs.readFileSync(new URL('./page-script.js', import.meta.url));
  const scriptName = hashedName('page', 'js', script);
  files.set(scriptName, { body: script, type: 'text/javascript; charset=utf-8' });
  const icon = fs.readFileSync(new URL('./page-icon.svg', import.meta.url));
  const iconName = hashedName('icon', 'svg', icon);
  files.set(iconName, { body: icon, type: 'image/svg+xml' });

  // The package's own stylesheet lists the subsets and their unicode ranges; only the URLs change.
  const indexCss = createRequire(import.meta.url).resolve('@fontsource-variable/inter');
  const fontDir = path.dirname(indexCss);
  let latinFontUrl = '';
  const fontFaceCss = fs.readFileSync(indexCss, 'utf8').replace(/url\(\.\/files\/([a-z0-9-]+)\.woff2\)/g, (_match, base: string) => {
    const body = fs.readFileSync(path.join(fontDir, 'files', `${base}.woff2`));
    const name = hashedName(base, 'woff2', body);
    files.set(name, { body, type: 'font/woff2' });
    if (base === 'inter-latin-wght-normal') latinFontUrl = ASSET_PREFIX + name;
    return `url(${ASSET_PREFIX}${name})`;
  });
  if (!latinFontUrl) throw new Error('@fontsource-variable/inter: the latin subset is missing');
  return { scriptUrl: ASSET_PREFIX + scriptName, iconUrl: ASSET_PREFIX + iconName, fontFaceCss: fontFaceCss.replace(/\/\*[^*]*\*\//g, '').replace(/\n\s*/g, ''), latinFontUrl, files };
}

/** The page assets (read from disk on first call). */
export function pageAssets(): PageAssets {
  loaded ??= load();
  return loaded;
}

/** Registers GET /static/{hashed name}: immutable, cached for a year; any other name is 404. */
export async function pageAssetRoutes(app: FastifyInstance): Promise<void> {
  const { files } = pageAssets();
  app.get<{ Params: { name: string } }>(
    `${ASSET_PREFIX}:name`,
    { schema: { hide: true, params: { type: 'object', properties: { name: { type: 'string', maxLength: 100 } }, required: ['name'] } } },
    async (request, reply) => {
      const asset = files.get(request.params.name);
      if (!asset) return reply.callNotFound();
      return reply.header('content-type', asset.type).header('cache-control', IMMUTABLE).send(asset.body);
    },
  );
}
