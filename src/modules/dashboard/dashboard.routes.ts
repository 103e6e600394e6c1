// The dashboard's pages: `/` (the product page with sign-in), `/login`, `/signup`, `/app/*` and
// `/door/*` (an event's door opened with a door link, no session) all answer the single-page app's
// shell; `/app/…` files of the build are served as they are.
// These first path segments are reserved (ids.ts), so no short code or slug can shadow them.
import fastifyStatic from '@fastify/static';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { AppContext } from '../../context.ts';
import { type DashboardBuild, loadDashboardBuild, reloadedDashboardBuild } from './dashboard-files.ts';
import { sendPage } from '../../http/page/reply.ts';
import { notBuiltPage } from './not-built-page.ts';

/** Paths of the public dashboard pages (besides `/app` and everything below it). */
export const DASHBOARD_PAGES = ['/', '/login', '/signup'] as const;

// Not in the API reference; errors answer a browser with a page (`x-html-errors`): a person who
// reloads the dashboard while an instance drains for a deploy gets the 503 page that says to
// retry, not a problem+json document.
const hidden = { hide: true, 'x-html-errors': true } as const;

function sendShell(build: DashboardBuild | null, reply: FastifyReply): FastifyReply {
  if (!build) return sendPage(reply, 503, notBuiltPage(), 'no-cache');
  // The shell is a built file like the bundles, sent as one (with its compressed siblings). It
  // names the hashed bundles of this build: never cache it, so a deploy shows at once.
  return reply.header('cache-control', 'no-cache').sendFile('index.html', { cacheControl: false });
}

/** Registers the dashboard routes; `build` overrides the build found in web/dist (tests). */
export async function dashboardRoutes(app: FastifyInstance, _ctx: AppContext, build: DashboardBuild | null = loadDashboardBuild()): Promise<void> {
  if (build) {
    // Only reply.sendFile is used: routes below decide which paths are files. Pre-compressed
    // .br/.gz siblings written by the build are sent to clients that accept them.
    await app.register(fastifyStatic, { root: build.root, serve: false, preCompressed: true });
  }

  // Optional session: the product page reads a valid session to skip itself, and ignores a stale one.
  app.get('/', { schema: { ...hidden, security: [{}, { session: [] }] } }, async (request, reply) => {
    // A signed-in person goes straight to work; everyone else sees the product page.
    if (request.principal?.via === 'session') return reply.redirect('/app', 302);
    return sendShell(build, reply);
  });
  for (const page of DASHBOARD_PAGES.slice(1)) app.get(page, { schema: hidden }, async (_request, reply) => sendShell(build, reply));

  let current = build;
  const isBuilt = (file: string): boolean => {
    if (!current) return false;
    if (!current.files.has(file)) current = reloadedDashboardBuild(current);
    return current.files.has(file);
  };
  const appPath = async (request: FastifyRequest<{ Params: { '*'?: string } }>, reply: FastifyReply) => {
    const file = request.params['*'] ?? '';
    if (isBuilt(file)) {
      // Hashed bundle names change with their content; other files (favicon) may change in place.
      const immutable = file.startsWith('assets/');
      return reply.sendFile(file, { immutable, maxAge: immutable ? '365d' : '1h', cacheControl: true });
    }
    // A missing hashed bundle is a 404, not the shell: a stale tab must not parse HTML as script.
    if (file.startsWith('assets/')) return reply.callNotFound();
    return sendShell(build, reply);
  };
  app.get('/app', { schema: hidden }, appPath);
  app.get('/app/*', { schema: hidden }, appPath);
  // A door link's page: only ever the shell (its bundles load from /app/assets). The key rides in
  // the fragment, which browsers never send, so it reaches neither this route nor the logs.
  app.get('/door/*', { schema: hidden }, async (_request, reply) => sendShell(build, reply));
}
