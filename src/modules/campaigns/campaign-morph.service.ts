// A morphing campaign's render secret and check-in settings, for its owner. The campaign is looked
// up here (404 unknown, 409 when it is not a morphing code); the morph module, below campaigns,
// does the rest with the code's facts.
import type { AppContext } from '../../context.ts';
import { AppError } from '../../errors.ts';
import { liveUrl, type MorphSettings, morphSettings, type RenderSecret, renderSecret, rotateRenderSecret, setReentry } from '../morph/index.ts';
import type { QrWarning } from '../../qr/index.ts';
import { drawCode } from '../render/index.ts';
import type { Campaign, CampaignCaller } from './campaign.ts';
import { campaignFor, getCampaign } from './campaign.service.ts';

type Ctx = Pick<AppContext, 'db' | 'clock' | 'config'>;

/** A code's render secret, named by its campaign. */
export type CampaignMorphSecret = RenderSecret & { campaignId: string };

/** A code's settings and the instance's rotation timing. */
export type CampaignMorphSettings = MorphSettings & { campaignId: string; ttlSeconds: number; stepSeconds: number };

function morphing(campaign: Campaign, id: string): Campaign {
  if (campaign.qrType !== 'morphing') {
    throw new AppError('conflict', `Campaign '${id}' is a ${campaign.qrType} code; only morphing codes have a render secret and check-in settings.`);
  }
  return campaign;
}

// A code's secret, its live image and its check-in policy are a test key's only on test campaigns (campaignFor).
const morphingCampaign = async (ctx: Ctx, caller: CampaignCaller, id: string, action: string) => morphing(await campaignFor(ctx, caller, id, action), id);

function withTiming(ctx: Ctx, campaignId: string, settings: MorphSettings): CampaignMorphSettings {
  return { campaignId, ...settings, ttlSeconds: ctx.config.morphTtlSeconds, stepSeconds: ctx.config.morphStepSeconds };
}

/** The current render secret of the account's morphing campaign `id`. */
export async function campaignMorphSecret(ctx: Ctx, caller: CampaignCaller, id: string): Promise<CampaignMorphSecret> {
  const campaign = await morphingCampaign(ctx, caller, id, 'read the render secret of');
  return { campaignId: campaign.id, ...(await renderSecret(ctx, campaign)) };
}

/** Replaces the render secret of the account's morphing campaign `id`. */
export async function rotateCampaignMorphSecret(ctx: Ctx, caller: CampaignCaller, id: string): Promise<CampaignMorphSecret> {
  const campaign = await morphingCampaign(ctx, caller, id, 'rotate the render secret of');
  return { campaignId: campaign.id, ...(await rotateRenderSecret(ctx, campaign)) };
}

/** The settings of the account's morphing campaign `id`. */
export async function campaignMorphSettings(ctx: Ctx, accountId: string, id: string): Promise<CampaignMorphSettings> {
  const campaign = morphing(await getCampaign(ctx, accountId, id), id);
  return withTiming(ctx, campaign.id, await morphSettings(ctx, campaign.id));
}

/** Sets whether an exit check-in re-admits the ticket of the account's morphing campaign `id`. */
export async function setCampaignReentry(ctx: Ctx, caller: CampaignCaller, id: string, allow: boolean): Promise<CampaignMorphSettings> {
  const campaign = await morphingCampaign(ctx, caller, id, 'change the check-in policy of');
  return withTiming(ctx, campaign.id, await setReentry(ctx, campaign, allow));
}

/**
 * The account's live ticket `id` as a holder's screen shows it now (SVG), for its owner to look at
 * and test-scan without signing a render URL; 410 once archived. It carries a real token: scanning
 * it within the step leads on like any live image, and admits at a gate: like the secret, it is a
 * test key's only on a test campaign.
 */
export async function liveTicketSvg(ctx: Ctx, caller: CampaignCaller, id: string): Promise<{ svg: string; warnings: QrWarning[]; stepSeconds: number }> {
  const campaign = await morphingCampaign(ctx, caller, id, 'show the live ticket of');
  if (campaign.status === 'archived') throw new AppError('gone', `Campaign '${id}' is archived; its live ticket is no longer shown.`);
  const { version } = await renderSecret(ctx, campaign);
  const { svg, warnings } = drawCode(liveUrl(ctx, campaign, version, ctx.clock.now()), campaign.designConfig);
  return { svg, warnings, stepSeconds: ctx.config.morphStepSeconds };
}
