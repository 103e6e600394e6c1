// The dashboard's routes. The public pages and the campaign list load with the first bundle;
// the designer, scans, form answers, the hosted page editor, bulk, templates, API keys, payments, webhooks, check-in and settings load on first
// visit (lazy chunks); one that fails to arrive is an error in place (section-chunk.ts), not a tab reload.
import { TesseraApiError } from '@tessera/client';
import type { QueryClient } from '@tanstack/react-query';
import { createRootRouteWithContext, createRoute, createRouter, lazyRouteComponent, Outlet, redirect } from '@tanstack/react-router';
import { sessionQuery, wasSignedIn } from './api/session.ts';
import { AppShell } from './components/app-shell.tsx';
import { RouteError } from './components/route-error.tsx';
import { Toaster } from './components/ui/toast.tsx';
import { CampaignsPage, parseCampaignSearch } from './routes/campaigns.tsx';
import { parsePaymentsSearch } from './routes/payments-search.ts';
import { parseScansSearch } from './routes/scans-search.ts';
import { HomePage } from './routes/home.tsx';
import { LoginPage } from './routes/login.tsx';
import { NotFoundPage } from './routes/not-found.tsx';
import { importSection } from './lib/section-chunk.ts';
import { takeDoorKeyFromHash } from './checkins/door-key.ts';
import { SignupPage } from './routes/signup.tsx';

interface RouterContext {
  queryClient: QueryClient;
}

const rootRoute = createRootRouteWithContext<RouterContext>()({
  component: () => (
    <>
      <Outlet />
      <Toaster />
    </>
  ),
  notFoundComponent: NotFoundPage,
});

const homeRoute = createRoute({ getParentRoute: () => rootRoute, path: '/', component: HomePage });
const loginRoute = createRoute({
  getParentRoute: () => rootRoute,
  path: '/login',
  validateSearch: (search: Record<string, unknown>): { redirect?: string; expired?: boolean } => ({
    redirect: typeof search.redirect === 'string' ? search.redirect : undefined,
    expired: search.expired === true || search.expired === 'true' ? true : undefined,
  }),
  component: LoginPage,
});
const signupRoute = createRoute({ getParentRoute: () => rootRoute, path: '/signup', component: SignupPage });
// A door link (/door/{batch}#key=…) opens an event's door on a staff device with a check-in key
// instead of a session: outside /app, so no sign-in and no navigation. Its key is stored for the
// tab and the fragment dropped from the address bar (replace: no history entry keeps it) before
// anything is drawn.
const doorLinkRoute = createRoute({
  getParentRoute: () => rootRoute,
  path: '/door/$batchId',
  beforeLoad: ({ params }) => {
    if (takeDoorKeyFromHash(params.batchId)) throw redirect({ to: '/door/$batchId', params, replace: true });
  },
  component: lazyRouteComponent(
    importSection(() => import('./routes/door-link.tsx')),
    'DoorLinkPage',
  ),
});

const appRoute = createRoute({
  getParentRoute: () => rootRoute,
  path: '/app',
  beforeLoad: async ({ context, location }) => {
    try {
      await context.queryClient.ensureQueryData(sessionQuery);
    } catch (error) {
      if (error instanceof TesseraApiError && error.status === 401) throw redirect({ to: '/login', search: { redirect: location.href, ...(wasSignedIn() ? { expired: true } : {}) } });
      throw error;
    }
  },
  component: AppShell,
});

const campaignsRoute = createRoute({ getParentRoute: () => appRoute, path: '/', validateSearch: parseCampaignSearch, component: CampaignsPage });
const newCampaignRoute = createRoute({
  getParentRoute: () => appRoute,
  path: 'campaigns/new',
  validateSearch: (search: Record<string, unknown>): { template?: string } => ({ template: typeof search.template === 'string' ? search.template : undefined }),
  component: lazyRouteComponent(
    importSection(() => import('./routes/campaign-editor.tsx')),
    'NewCampaignPage',
  ),
});
const editCampaignRoute = createRoute({
  getParentRoute: () => appRoute,
  path: 'campaigns/$campaignId',
  component: lazyRouteComponent(
    importSection(() => import('./routes/campaign-editor.tsx')),
    'EditCampaignPage',
  ),
});
const campaignScansRoute = createRoute({
  getParentRoute: () => appRoute,
  path: 'campaigns/$campaignId/scans',
  validateSearch: parseScansSearch,
  component: lazyRouteComponent(
    importSection(() => import('./routes/campaign-scans.tsx')),
    'CampaignScansPage',
  ),
});
const formAnswersRoute = createRoute({
  getParentRoute: () => appRoute,
  path: 'campaigns/$campaignId/answers',
  component: lazyRouteComponent(
    importSection(() => import('./routes/form-answers.tsx')),
    'FormAnswersPage',
  ),
});
const hostedPageRoute = createRoute({
  getParentRoute: () => appRoute,
  path: 'campaigns/$campaignId/page',
  component: lazyRouteComponent(
    importSection(() => import('./routes/hosted-page.tsx')),
    'HostedPagePage',
  ),
});
const bulkRoute = createRoute({
  getParentRoute: () => appRoute,
  path: 'bulk',
  // ?type=morphing opens on live tickets (the Check-in page's way to make an event).
  validateSearch: (search: Record<string, unknown>): { type?: 'morphing' } => (search.type === 'morphing' ? { type: 'morphing' } : {}),
  component: lazyRouteComponent(
    importSection(() => import('./bulk/bulk-page.tsx')),
    'BulkPage',
  ),
});
const templatesRoute = createRoute({
  getParentRoute: () => appRoute,
  path: 'templates',
  component: lazyRouteComponent(
    importSection(() => import('./routes/templates.tsx')),
    'TemplatesPage',
  ),
});
const apiKeysRoute = createRoute({
  getParentRoute: () => appRoute,
  path: 'api-keys',
  component: lazyRouteComponent(
    importSection(() => import('./routes/api-keys.tsx')),
    'ApiKeysPage',
  ),
});

const paymentsRoute = createRoute({
  getParentRoute: () => appRoute,
  path: 'payments',
  validateSearch: parsePaymentsSearch,
  component: lazyRouteComponent(
    importSection(() => import('./routes/payments.tsx')),
    'PaymentsPage',
  ),
});
const payeeRoute = createRoute({
  getParentRoute: () => appRoute,
  path: 'payments/payee',
  component: lazyRouteComponent(
    importSection(() => import('./routes/payee.tsx')),
    'PayeePage',
  ),
});
const reconcileRoute = createRoute({
  getParentRoute: () => appRoute,
  path: 'payments/reconcile',
  component: lazyRouteComponent(
    importSection(() => import('./routes/reconcile.tsx')),
    'ReconcilePage',
  ),
});
const webhooksRoute = createRoute({
  getParentRoute: () => appRoute,
  path: 'webhooks',
  component: lazyRouteComponent(
    importSection(() => import('./routes/webhooks.tsx')),
    'WebhooksPage',
  ),
});
const checkinsRoute = createRoute({
  getParentRoute: () => appRoute,
  path: 'checkins',
  component: lazyRouteComponent(
    importSection(() => import('./routes/checkins.tsx')),
    'CheckinsPage',
  ),
});
const doorRoute = createRoute({
  getParentRoute: () => appRoute,
  path: 'checkins/$batchId',
  component: lazyRouteComponent(
    importSection(() => import('./routes/door.tsx')),
    'DoorPage',
  ),
});
const settingsRoute = createRoute({
  getParentRoute: () => appRoute,
  path: 'settings',
  component: lazyRouteComponent(
    importSection(() => import('./routes/settings.tsx')),
    'SettingsPage',
  ),
});

const routeTree = rootRoute.addChildren([
  homeRoute,
  loginRoute,
  signupRoute,
  doorLinkRoute,
  appRoute.addChildren([
    campaignsRoute,
    newCampaignRoute,
    editCampaignRoute,
    campaignScansRoute,
    formAnswersRoute,
    hostedPageRoute,
    bulkRoute,
    templatesRoute,
    apiKeysRoute,
    paymentsRoute,
    payeeRoute,
    reconcileRoute,
    webhooksRoute,
    checkinsRoute,
    doorRoute,
    settingsRoute,
  ]),
]);

/** The router, with the query client in its context. */
export function createAppRouter(queryClient: QueryClient) {
  return createRouter({ routeTree, context: { queryClient }, defaultPreload: 'intent', scrollRestoration: true, defaultPendingMs: 150, defaultErrorComponent: RouteError });
}

declare module '@tanstack/react-router' {
  interface Register {
    router: ReturnType<typeof createAppRouter>;
  }
}
