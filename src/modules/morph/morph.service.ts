// Morphing codes: the per-code render secret, the check of signed renders (the seed's ?t=&sig=),
// the rotating payload the QR encodes and its freshness when scanned. Campaign facts come in as
// arguments, so this module sits below campaigns and imports no other domain module (campaigns,
// redirects and check-ins call it; the rendering module draws what it decides).
import type { AppContext } from '../../context.ts';
import { fromFlag, toFlag } from '../../db/dialect.ts';
import { checkRenderSignature, checkStepToken, type RenderRefusal, renderSecretKey, stepAt, stepToken, type TokenCheck } from './morph-crypto.ts';
import { bumpSecretVersion, countAllowingReentry, findMorphCode, findSecretVersions, setAllowReentry } from './morph.repo.ts';

/** What this module needs to know about a morphing code. */
export interface MorphTarget {
  /** The campaign id. */
  id: string;
  accountId: string;
  shortCode: string;
}

/** A code's morphing settings. */
export interface MorphSettings {
  secretVersion: number;
  allowReentry: boolean;
}

/** A render secret as its owner receives it. */
export interface RenderSecret {
  secretKey: string;
  version: number;
}

/** What a signed render shows: the live code and the URL it encodes, or the EXPIRED image and why. */
export type SignedRenderCheck = { state: 'live'; reason: null; encodes: string } | { state: 'expired'; reason: RenderRefusal; encodes: null };

type Ctx = Pick<AppContext, 'db' | 'config' | 'clock'>;
const FIRST_VERSION = 1;

/** A code's settings (defaults until its owner changes something). */
export async function morphSettings(ctx: Pick<AppContext, 'db'>, campaignId: string): Promise<MorphSettings> {
  const row = await findMorphCode(ctx.db, campaignId);
  return { secretVersion: row?.secret_version ?? FIRST_VERSION, allowReentry: fromFlag(row?.allow_reentry) };
}

/**
 * Adds `secret_key` (the current render secret) to the morphing codes among API objects, e.g.
 * creation responses. One query for the whole list, so a 1,000-code bulk answer costs one lookup.
 */
export async function withSecretKeys<T extends { id: string; qr_type: string }>(ctx: Pick<AppContext, 'db' | 'config'>, items: readonly T[]): Promise<Array<T & { secret_key?: string }>> {
  const morphing = items.filter((item) => item.qr_type === 'morphing').map((item) => item.id);
  const versions = new Map((await findSecretVersions(ctx.db, morphing)).map((row) => [row.campaign_id, row.secret_version]));
  return items.map((item) => (item.qr_type === 'morphing' ? { ...item, secret_key: renderSecretKey(ctx.config.masterKey, item.id, versions.get(item.id) ?? FIRST_VERSION) } : item));
}

/** The code's current render secret. */
export async function renderSecret(ctx: Pick<AppContext, 'db' | 'config'>, code: MorphTarget): Promise<RenderSecret> {
  const { secretVersion } = await morphSettings(ctx, code.id);
  return { secretKey: renderSecretKey(ctx.config.masterKey, code.id, secretVersion), version: secretVersion };
}

/** Replaces the code's render secret: old signatures and the payloads of earlier renders stop working. */
export async function rotateRenderSecret(ctx: Ctx, code: MorphTarget): Promise<RenderSecret> {
  const row = await bumpSecretVersion(ctx.db, code.id, code.accountId, ctx.clock.now());
  return { secretKey: renderSecretKey(ctx.config.masterKey, code.id, row.secret_version), version: row.secret_version };
}

/** Lets (or stops) an exit check-in re-admit the ticket. */
export async function setReentry(ctx: Ctx, code: MorphTarget, allow: boolean): Promise<MorphSettings> {
  await setAllowReentry(ctx.db, [{ campaignId: code.id, accountId: code.accountId }], toFlag(allow), ctx.clock.now());
  return morphSettings(ctx, code.id);
}

/** Sets the re-entry policy of many codes at once (an event's tickets), in one statement. */
export async function setReentryOfCodes(ctx: Ctx, codes: ReadonlyArray<Pick<MorphTarget, 'id' | 'accountId'>>, allow: boolean): Promise<void> {
  await setAllowReentry(
    ctx.db,
    codes.map((code) => ({ campaignId: code.id, accountId: code.accountId })),
    toFlag(allow),
    ctx.clock.now(),
  );
}

/** How many of the codes let a ticket enter again after an exit. */
export function countReentry(ctx: Pick<AppContext, 'db'>, campaignIds: readonly string[]): Promise<number> {
  return countAllowingReentry(ctx.db, campaignIds);
}

/** The public URL a code's QR carries at `now`: the short link plus the current step token. */
export function liveUrl(ctx: Pick<AppContext, 'config'>, code: MorphTarget, version: number, now: number): string {
  const stepMs = ctx.config.morphStepSeconds * 1000;
  const token = stepToken(ctx.config.masterKey, code.id, version, code.shortCode, stepAt(now, stepMs));
  return `${ctx.config.publicUrl}/${code.shortCode}?k=${token}`;
}

/** Classifies a scanned step token of the code against the clock, and returns the code's settings read for it. */
export async function inspectToken(ctx: Ctx, code: MorphTarget, token: unknown): Promise<{ freshness: TokenCheck; settings: MorphSettings }> {
  const settings = await morphSettings(ctx, code.id);
  const key = { masterKey: ctx.config.masterKey, campaignId: code.id, version: settings.secretVersion, shortCode: code.shortCode };
  return { freshness: checkStepToken(token, key, ctx.clock.now(), ctx.config.morphStepSeconds * 1000), settings };
}

/** Classifies a scanned step token of the code against the clock. */
export async function checkToken(ctx: Ctx, code: MorphTarget, token: unknown): Promise<TokenCheck> {
  return (await inspectToken(ctx, code, token)).freshness;
}

/**
 * Checks a signed render of a morphing code: live (with the URL its QR carries now) when `t`/`sig`
 * verify under the code's secret within the TTL, otherwise expired and why.
 */
export async function checkSignedRender(ctx: Ctx, code: MorphTarget, signature: { t: unknown; sig: unknown }): Promise<SignedRenderCheck> {
  const now = ctx.clock.now();
  const { secretKey, version } = await renderSecret(ctx, code);
  const refusal = checkRenderSignature(signature.t, signature.sig, secretKey, now, ctx.config.morphTtlSeconds * 1000);
  if (refusal) return { state: 'expired', reason: refusal, encodes: null };
  return { state: 'live', reason: null, encodes: liveUrl(ctx, code, version, now) };
}
