// The campaigns module's public entry: the domain types, what other modules ask of campaigns
// (redirect targets, lookups, change notifications) and the routes (campaigns, their images,
// bulk creation, morphing settings).
export { bulkRoutes } from './bulk.routes.ts';
export { onCampaignChanged } from './campaign-events.ts';
export { campaignRenderRoutes } from './campaign-image.routes.ts';
export { campaignMorphRoutes } from './campaign-morph.routes.ts';
export { campaignRoutes } from './campaign.routes.ts';
export { type Campaign, type CampaignStatus, type QrType, QR_TYPES, type RedirectTarget } from './campaign.ts';
export { countActiveCampaigns, existingCampaigns, findCampaignByCode, findRedirectTarget, getCampaign } from './campaign.service.ts';
export { type SchedulePhase, schedulePhase } from './schedule.ts';
