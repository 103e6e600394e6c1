// A morphing campaign's render secret and check-in settings, for its owner. The campaign is looked
// up here (404 unknown, 409 when it is not a morphing code); the morph module, below campaigns,
// does the rest with the code's facts.
import type { AppContext } from '../../context.ts';
import { AppError } from '../../errors.ts';
import { type MorphSettings, morphSettings, type RenderSecret, renderSecret, rotateRenderSecret, setReentry } from '../morph/index.ts';
import type { Campaign } from './campaign.ts';
import { getCampaign } from './campaign.service.ts';

type Ctx = Pick<AppContext, 'db' | 'clock' | 'config'>;

/** A code's render secret, named by its campaign. */
export type CampaignMorphSecret = RenderSecret & { campaignId: string };

/** A code's settings and the instance's rotation timing. */
export type CampaignMorphSettings = MorphSettings & { campaignId: string; ttlSeconds: number; stepSeconds: number };

async function morphingCampaign(ctx: Ctx, accountId: string, id: string): Promise<Campaign> {
  const campaign = await getCampaign(ctx, accountId, id);
  if (campaign.qrType !== 'morphing') {
    throw new AppError('conflict', `Campaign '${id}' is a ${campaign.qrType} code; only morphing codes have a render secret and check-in settings.`);
  }
  return campaign;
}

function withTiming(ctx: Ctx, campaignId: string, settings: MorphSettings): CampaignMorphSettings {
  return { campaignId, ...settings, ttlSeconds: ctx.config.morphTtlSeconds, stepSeconds: ctx.config.morphStepSeconds };
}

/** The current render secret of the account's morphing campaign `id`. */
export async function campaignMorphSecret(ctx: Ctx, accountId: string, id: string): Promise<CampaignMorphSecret> {
  const campaign = await morphingCampaign(ctx, accountId, id);
  return { campaignId: campaign.id, ...(await renderSecret(ctx, campaign)) };
}

/** Replaces the render secret of the account's morphing campaign `id`. */
export async function rotateCampaignMorphSecret(ctx: Ctx, accountId: string, id: string): Promise<CampaignMorphSecret> {
  const campaign = await morphingCampaign(ctx, accountId, id);
  return { campaignId: campaign.id, ...(await rotateRenderSecret(ctx, campaign)) };
}

/** The settings of the account's morphing campaign `id`. */
export async function campaignMorphSettings(ctx: Ctx, accountId: string, id: string): Promise<CampaignMorphSettings> {
  const campaign = await morphingCampaign(ctx, accountId, id);
  return withTiming(ctx, campaign.id, await morphSettings(ctx, campaign.id));
}

/** Sets whether an exit check-in re-admits the ticket of the account's morphing campaign `id`. */
export async function setCampaignReentry(ctx: Ctx, accountId: string, id: string, allow: boolean): Promise<CampaignMorphSettings> {
  const campaign = await morphingCampaign(ctx, accountId, id);
  return withTiming(ctx, campaign.id, await setReentry(ctx, campaign, allow));
}
