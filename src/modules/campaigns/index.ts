// The campaigns module's public entry: the domain types, what other modules ask of campaigns
// (redirect targets, lookups; change notifications travel on ctx.campaignChanges) and the routes (campaigns, their images,
// bulk creation, morphing settings). scans and analytics use countActiveCampaigns,
// existingCampaigns and getCampaign.
export { bulkRoutes } from './bulk.routes.ts';
export { campaignRenderRoutes } from './campaign-image.routes.ts';
export { campaignMorphRoutes } from './campaign-morph.routes.ts';
export { campaignRoutes } from './campaign.routes.ts';
export type { Campaign, RedirectTarget } from './campaign.ts';
export { countActiveCampaigns, existingCampaigns, findCampaignByCode, findRedirectTarget, getCampaign } from './campaign.service.ts';
export { schedulePhase } from './schedule.ts';
export { CampaignChanges } from './campaign-changes.ts';
