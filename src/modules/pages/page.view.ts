// The public JSON shape of a hosted page (`GET /api/v1/resolve/…`); its schema is PublicPageJson.
import type { PublicPage } from './page.service.ts';
import type { PublicPageJson } from './pages.schemas.ts';
import { toIso } from '../../http/iso.ts';

/** A published page as JSON, for clients that render it themselves. */
export function publicPageJson(page: PublicPage): PublicPageJson {
  const { title, language, blocks, theme, form } = page.config;
  return {
    title,
    language,
    blocks,
    theme,
    form,
    page_url: page.url,
    submit_url: page.submitUrl,
    short_code: page.shortCode,
    updated_at: toIso(page.updatedAt),
  };
}
