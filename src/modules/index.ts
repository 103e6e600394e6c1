// Every domain module, in registration order. A new capability is a new folder and one line here.
import type { Module } from '../context.ts';
import { accountsRoutes } from './accounts/accounts.routes.ts';
import { analyticsRoutes } from './analytics/index.ts';
import { bulkRoutes } from './bulk/bulk.routes.ts';
import { campaignRoutes } from './campaigns/campaign.routes.ts';
import { campaignRenderRoutes } from './campaigns/render.routes.ts';
import { dashboardRoutes } from './dashboard/dashboard.routes.ts';
import { checkinRoutes } from './checkins/checkin.routes.ts';
import { formsRoutes } from './forms/forms.routes.ts';
import { healthRoutes } from './health/health.routes.ts';
import { itemsRoutes } from './items/items.routes.ts';
import { morphRoutes } from './morph/morph.routes.ts';
import { pagesRoutes } from './pages/pages.routes.ts';
import { paymentsRoutes } from './payments/payments.routes.ts';
import { problemsRoutes } from './problems/problems.routes.ts';
import { redirectRoutes } from './redirects/redirect.routes.ts';
import { renderRoutes } from './render/render.routes.ts';
import { scansModule } from './scans/index.ts';
import { templateRoutes } from './templates/template.routes.ts';
import { webhooksRoutes } from './webhooks/webhooks.routes.ts';

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
  morphRoutes,
  checkinRoutes,
  scansModule,
  redirectRoutes,
  analyticsRoutes,
  pagesRoutes,
  formsRoutes,
  paymentsRoutes,
  dashboardRoutes,
];
