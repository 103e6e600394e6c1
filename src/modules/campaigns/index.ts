// The campaigns module's public entry: the domain types, what other modules ask of campaigns
// (redirect targets, lookups; change notifications travel on ctx.campaignChanges) and the routes (campaigns, their images,
// bulk creation and the list of bulk requests, morphing settings). scans and analytics use countActiveCampaigns,
// and getCampaign; forms use campaignFor, which keeps a live campaign's answers from test keys.
import type { Module } from '../../context.ts';
export const batchRoutes: Module = async (app, ctx) => (await import('./batches.routes.ts')).batchRoutes(app, ctx);
export const bulkRoutes: Module = async (app, ctx) => (await import('./bulk.routes.ts')).bulkRoutes(app, ctx);
export const campaignRenderRoutes: Module = async (app, ctx) => (await import('./campaign-image.routes.ts')).campaignRenderRoutes(app, ctx);
export const campaignMorphRoutes: Module = async (app, ctx) => (await import('./campaign-morph.routes.ts')).campaignMorphRoutes(app, ctx);
export const campaignRoutes: Module = async (app, ctx) => (await import('./campaign.routes.ts')).campaignRoutes(app, ctx);
export type { Campaign, CampaignCaller, RedirectTarget } from './campaign.ts';
export { assertFilterTargets, batchMode, campaignFor, countActiveCampaigns, findCampaignByCode, findRedirectTarget, getCampaign } from './campaign.service.ts';
export { schedulePhase } from './schedule.ts';
export { CampaignChanges } from './campaign-changes.ts';
