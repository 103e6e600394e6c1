// How an account appears to strangers: the name and logo on its public pages (item pages, code
// error pages, hosted pages without their own logo) and whether they end with "Made with Tessera".
import type { AppContext } from '../../context.ts';
import { toFlag } from '../../db/dialect.ts';
import { AppError, type FieldError, notFound } from '../../errors.ts';
import { normalisePublicUrl } from '../../http/public-url.ts';
import { type Branding, NO_BRANDING } from '../../http/page/shell.ts';
import { type BrandingRow, findBranding, updateAccountName, upsertBranding } from './branding.repo.ts';
import { inTransaction } from '../../db/transaction.ts';
import { BRANDING_LIMITS } from './accounts.schemas.ts';

/** An account's branding as its owner sees and changes it. */
export interface BrandingSettings {
  name: string;
  logoUrl: string | null;
  logoAlt: string;
  madeWithTessera: boolean;
}

/** A change to the branding: every field optional; `logoUrl: null` removes the logo. */
export interface BrandingPatch {
  name?: string;
  logoUrl?: string | null;
  logoAlt?: string;
  madeWithTessera?: boolean;
}

const CONTROL = /[\u0000-\u001f\u007f]/;

function toSettings(row: BrandingRow): BrandingSettings {
  return { name: row.name, logoUrl: row.logo_url, logoAlt: row.logo_alt ?? '', madeWithTessera: row.made_with_tessera === null ? true : row.made_with_tessera === 1 };
}

/** The account's branding settings; 404 when the account does not exist. */
export async function getBrandingSettings(ctx: Pick<AppContext, 'db'>, accountId: string): Promise<BrandingSettings> {
  const row = await findBranding(ctx.db, accountId);
  if (!row) throw notFound(`Account '${accountId}'`);
  return toSettings(row);
}

/** The branding of a public page owned by `accountId`; no branding when the owner is unknown. */
export async function pageBranding(ctx: Pick<AppContext, 'db'>, accountId: string | null): Promise<Branding> {
  if (accountId === null) return NO_BRANDING;
  const row = await findBranding(ctx.db, accountId);
  if (!row) return NO_BRANDING;
  const settings = toSettings(row);
  return { name: settings.name, logoUrl: settings.logoUrl, logoAlt: settings.logoAlt, madeWithTessera: settings.madeWithTessera };
}

function validate(patch: BrandingPatch): { errors: FieldError[]; name?: string; logoUrl?: string | null; logoAlt?: string } {
  const errors: FieldError[] = [];
  const name = patch.name?.trim();
  if (name !== undefined) {
    if (name === '') errors.push({ field: 'body/name', message: 'must not be empty' });
    else if (name.length > BRANDING_LIMITS.name) errors.push({ field: 'body/name', message: `must be at most ${BRANDING_LIMITS.name} characters` });
    else if (CONTROL.test(name)) errors.push({ field: 'body/name', message: 'must not contain control characters' });
  }
  let logoUrl = patch.logoUrl;
  if (logoUrl !== undefined && logoUrl !== null) {
    const checked = normalisePublicUrl(logoUrl);
    if ('problem' in checked) errors.push({ field: 'body/logo_url', message: checked.problem });
    else logoUrl = checked.url;
  }
  const logoAlt = patch.logoAlt?.trim();
  if (logoAlt !== undefined) {
    if (logoAlt.length > BRANDING_LIMITS.logoAlt) errors.push({ field: 'body/logo_alt', message: `must be at most ${BRANDING_LIMITS.logoAlt} characters` });
    else if (CONTROL.test(logoAlt)) errors.push({ field: 'body/logo_alt', message: 'must not contain control characters' });
  }
  return { errors, name, logoUrl, logoAlt };
}

/** Changes the account's branding; 400 with one error per bad field, writing nothing. */
export async function updateBranding(ctx: Pick<AppContext, 'db' | 'clock'>, accountId: string, patch: BrandingPatch): Promise<BrandingSettings> {
  const checked = validate(patch);
  if (checked.errors.length > 0) {
    throw new AppError('validation_failed', checked.errors.map((e) => `${e.field.replace('body/', '')} ${e.message}`).join('; ') + '.', { errors: checked.errors });
  }
  const current = await getBrandingSettings(ctx, accountId);
  const now = ctx.clock.now();
  await inTransaction(ctx.db, async (trx) => {
    if (checked.name !== undefined && checked.name !== current.name) await updateAccountName(trx, accountId, checked.name, now);
    await upsertBranding(trx, {
      account_id: accountId,
      logo_url: checked.logoUrl === undefined ? current.logoUrl : checked.logoUrl,
      logo_alt: checked.logoAlt ?? current.logoAlt,
      made_with_tessera: toFlag(patch.madeWithTessera ?? current.madeWithTessera),
      updated_at: now,
    });
  });
  return getBrandingSettings(ctx, accountId);
}
