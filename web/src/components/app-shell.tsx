// The signed-in frame: navigation (a sidebar on desktop, a scrolling tab row on phones), the
// account, sign-out, and the page.
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useMutation } from '../api/mutation.ts';
import { Link, Outlet, useNavigate, useRouterState } from '@tanstack/react-router';
import { unwrap } from '@tessera/client';
import { type ReactNode, useEffect, useRef } from 'react';
import { Banknote, DoorOpen, FileStack, KeyRound, LogOut, Palette, QrCode, Settings, Webhook } from 'lucide-react';
import { api } from '../api/client.ts';
import { forgetSignedIn, sessionQuery } from '../api/session.ts';
import { edgeFade, useScrollEdges } from '../lib/use-scroll-edges.ts';
import { Brand } from './brand.tsx';
import { InAppShell } from './route-error.tsx';
import { Button } from './ui/button.tsx';

const NAV = [
  // Its own pages (a campaign's designer, page, scans, answers) live under /app/campaigns.
  { to: '/app', label: 'Campaigns', icon: QrCode, exact: true, section: '/app/campaigns/' },
  { to: '/app/bulk', label: 'Bulk create', icon: FileStack, exact: false },
  { to: '/app/templates', label: 'Templates', icon: Palette, exact: false },
  { to: '/app/checkins', label: 'Check-in', icon: DoorOpen, exact: false },
  { to: '/app/api-keys', label: 'API keys', icon: KeyRound, exact: false },
  { to: '/app/payments', label: 'Payments', icon: Banknote, exact: false },
  { to: '/app/webhooks', label: 'Webhooks', icon: Webhook, exact: false },
  { to: '/app/settings', label: 'Settings', icon: Settings, exact: false },
] as const;

const linkBase = 'flex items-center gap-2.5 rounded-md px-2.5 py-1.5 text-sm font-medium transition-colors [&_svg]:size-4';
const linkIdle = 'text-zinc-600 hover:bg-zinc-100 hover:text-zinc-900 dark:text-zinc-400 dark:hover:bg-zinc-800 dark:hover:text-zinc-100';
const linkActive = 'bg-zinc-100 text-zinc-900 dark:bg-zinc-800 dark:text-zinc-50';

function SignOutButton({ compact }: { compact?: boolean }) {
  const queryClient = useQueryClient();
  const navigate = useNavigate();
  const signOut = useMutation({
    mutationFn: () => unwrap(api.POST('/api/v1/auth/logout')),
    onSettled: () => {
      api.clearSession();
      // Signed out here and now: a link opened later asks to sign in, it does not say a session
      // ended. Left to the sign-in page, which forgets only once its own session check has
      // answered, a link opened in that moment still said "Your session has ended".
      forgetSignedIn();
      queryClient.clear();
      void navigate({ to: '/login' });
    },
  });
  return (
    <Button variant="ghost" size="sm" pending={signOut.isPending} onClick={() => signOut.mutate()} className={compact ? '' : 'w-full justify-start'}>
      <LogOut aria-hidden="true" />
      Sign out
    </Button>
  );
}

/** The phone's tab row scrolls sideways: keep the current page's tab in view (Settings sat cut off at the end). */
function useCurrentTabInView() {
  const nav = useRef<HTMLElement>(null);
  const path = useRouterState({ select: (state) => state.location.pathname });
  // biome-ignore lint/correctness/useExhaustiveDependencies: it must run again on each navigation, when another tab becomes current
  useEffect(() => {
    nav.current?.querySelector('[aria-current]')?.scrollIntoView({ block: 'nearest', inline: 'nearest' });
  }, [path]);
  return nav;
}

/**
 * A navigation link: `aria-current="page"` on its own page; highlighted, with `aria-current="true"`,
 * on the pages under it that have no entry of their own (a campaign's designer under Campaigns).
 */
function NavLink({ item, className, children }: { item: (typeof NAV)[number]; className: string; children: ReactNode }) {
  const path = useRouterState({ select: (state) => state.location.pathname });
  const within = 'section' in item && path.startsWith(item.section);
  return (
    <Link
      to={item.to}
      activeOptions={{ exact: item.exact, includeSearch: false }}
      className={className}
      activeProps={{ className: linkActive, 'aria-current': 'page' }}
      inactiveProps={within ? { className: linkActive, 'aria-current': 'true' } : { className: linkIdle }}
    >
      {children}
    </Link>
  );
}

/** The layout of every /app page. */
export function AppShell() {
  const tabs = useCurrentTabInView();
  const fade = edgeFade(useScrollEdges(tabs));
  const session = useQuery(sessionQuery).data;
  const who = session?.user?.email ?? session?.account.name ?? '';
  return (
    <div className="min-h-screen md:grid md:grid-cols-[232px_1fr]">
      <a href="#main" className="sr-only focus:not-sr-only focus:fixed focus:top-2 focus:left-2 focus:z-50 focus:rounded-md focus:bg-white focus:px-3 focus:py-2 focus:shadow">
        Skip to content
      </a>
      <aside className="hidden border-r border-zinc-200 bg-white md:flex md:flex-col dark:border-zinc-800 dark:bg-zinc-900">
        <div className="flex h-14 items-center px-4">
          <Link to="/app" className="rounded-md">
            <Brand />
          </Link>
        </div>
        <nav aria-label="Main" className="flex-1 space-y-0.5 px-2 py-2">
          {NAV.map((item) => (
            <NavLink key={item.to} item={item} className={linkBase}>
              <item.icon aria-hidden="true" />
              {item.label}
            </NavLink>
          ))}
        </nav>
        <div className="border-t border-zinc-200 p-3 dark:border-zinc-800">
          <p className="truncate px-2.5 pb-2 text-[13px] text-zinc-600 dark:text-zinc-400" title={who}>
            {who}
          </p>
          <SignOutButton />
        </div>
      </aside>

      <div className="min-w-0">
        <header className="sticky top-0 z-30 border-b border-zinc-200 bg-white/95 backdrop-blur md:hidden dark:border-zinc-800 dark:bg-zinc-900/95">
          <div className="flex h-14 items-center justify-between px-4">
            <Link to="/app" className="flex min-h-11 items-center rounded-md">
              <Brand />
            </Link>
            <SignOutButton compact />
          </div>
          <nav ref={tabs} aria-label="Main" className="flex gap-0.5 overflow-x-auto px-2 pb-1.5" style={{ maskImage: fade }}>
            {NAV.map((item) => (
              <NavLink key={item.to} item={item} className="flex min-h-11 shrink-0 items-center rounded-md px-2.5 text-[13px] font-medium transition-colors">
                {item.label}
              </NavLink>
            ))}
          </nav>
        </header>
        <main id="main" tabIndex={-1} className="mx-auto w-full max-w-6xl px-4 py-6 focus:outline-none sm:px-6 md:py-8 lg:px-8">
          <InAppShell.Provider value={true}>
            <Outlet />
          </InAppShell.Provider>
        </main>
      </div>
    </div>
  );
}
