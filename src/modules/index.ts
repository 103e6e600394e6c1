// Every domain module, in registration order. A new capability is a new folder and one line here.
import type { Module } from '../context.ts';
import { accountsRoutes } from './accounts/index.ts';
import { analyticsRoutes } from './analytics/index.ts';
import { batchRoutes, bulkRoutes, campaignMorphRoutes, campaignRenderRoutes, campaignRoutes } from './campaigns/index.ts';
import { dashboardRoutes } from './dashboard/index.ts';
import { checkinRoutes } from './checkins/index.ts';
import { formsRoutes } from './forms/index.ts';
import { healthRoutes } from './health/index.ts';
import { itemsRoutes } from './items/index.ts';
import { pagesRoutes } from './pages/index.ts';
import { paymentsRoutes } from './payments/index.ts';
import { problemsRoutes } from './problems/index.ts';
import { redirectRoutes } from './redirects/index.ts';
import { renderRoutes } from './render/index.ts';
import { scansModule } from './scans/index.ts';
import { templateRoutes } from './templates/index.ts';
import { webhooksRoutes } from './webhooks/index.ts';

/** The modules buildApp registers. */
export const modules: Module[] = [
  healthRoutes,
  problemsRoutes,
  accountsRoutes,
  itemsRoutes,
  renderRoutes,
  webhooksRoutes,
  templateRoutes,
  campaignRoutes,
  campaignRenderRoutes,
  bulkRoutes,
  batchRoutes,
  campaignMorphRoutes,
  checkinRoutes,
  scansModule,
  redirectRoutes,
  analyticsRoutes,
  pagesRoutes,
  formsRoutes,
  paymentsRoutes,
  dashboardRoutes,
];
