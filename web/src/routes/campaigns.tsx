// The campaign list: search by name, filter by type and status, cursor paging, a thumbnail of
// each code, its dates, and the row actions.
import { useInfiniteQuery, useQuery } from '@tanstack/react-query';
import { Link, useNavigate, useSearch } from '@tanstack/react-router';
import { Archive, FileStack, Plus, QrCode, Search } from 'lucide-react';
import { useEffect, useRef, useState } from 'react';
import { AccountScans } from '../analytics/account-scans.tsx';
import { type CampaignFilters, campaignListQuery, hasArchivedQuery } from '../api/campaigns.ts';
import { errorText } from '../api/field-errors.ts';
import { QR_TYPE_LABELS } from '../api/labels.ts';
import type { CampaignStatus, QrType } from '../api/types.ts';
import { CampaignActions } from '../components/campaign-actions.tsx';
import { QrThumbnail } from '../components/qr-thumbnail.tsx';
import { CampaignStateBadge } from '../components/schedule-badge.tsx';
import { ShortLink } from '../components/short-link.tsx';
import { Button, buttonClass } from '../components/ui/button.tsx';
import { Select, TextInput } from '../components/ui/field.tsx';
import { Alert, Badge, EmptyState, PageHeader, Skeleton, Time } from '../components/ui/misc.tsx';
import { formatCount } from '../lib/dates.ts';
import { readableUrl } from '../lib/url.ts';
import { useTitle } from '../lib/use-title.ts';

const TYPES: QrType[] = ['dynamic', 'static', 'morphing'];

/** Reads the list's filters from the URL. */
export function parseCampaignSearch(search: Record<string, unknown>): CampaignFilters {
  const type = TYPES.find((t) => t === search.type);
  const status = (['active', 'archived', 'all'] as const).find((s) => s === search.status);
  return { q: typeof search.q === 'string' && search.q ? search.q : undefined, type, status };
}

function displayUrl(url: string): string {
  return readableUrl(url)
    .replace(/^https?:\/\//, '')
    .replace(/\/$/, '');
}

function useSlashToFocus(ref: React.RefObject<HTMLInputElement | null>) {
  useEffect(() => {
    const onKey = (event: KeyboardEvent) => {
      const target = event.target as HTMLElement | null;
      if (event.key !== '/' || event.metaKey || event.ctrlKey || event.altKey) return;
      if (target && (target.isContentEditable || ['INPUT', 'TEXTAREA', 'SELECT'].includes(target.tagName))) return;
      event.preventDefault();
      ref.current?.focus();
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [ref]);
}

function ListSkeleton() {
  return (
    <div role="status" aria-busy="true" aria-label="Loading campaigns" className="divide-y divide-zinc-100 dark:divide-zinc-800">
      {Array.from({ length: 6 }, (_, i) => (
        <div key={i} className="flex items-center gap-4 px-4 py-3">
          <Skeleton className="size-10" />
          <div className="flex-1 space-y-2">
            <Skeleton className="h-3.5 w-48" />
            <Skeleton className="h-3 w-32" />
          </div>
          <Skeleton className="hidden h-3 w-40 md:block" />
          <Skeleton className="hidden h-3 w-20 lg:block" />
        </div>
      ))}
    </div>
  );
}

export function CampaignsPage() {
  useTitle('Campaigns');
  const filters = useSearch({ from: '/app/' });
  const navigate = useNavigate({ from: '/app/' });
  const [query, setQuery] = useState(filters.q ?? '');
  const searchRef = useRef<HTMLInputElement>(null);
  useSlashToFocus(searchRef);

  // Typing updates the URL (and so the query) a moment after the last key.
  useEffect(() => {
    const handle = setTimeout(() => {
      if ((filters.q ?? '') !== query.trim()) void navigate({ search: (s: CampaignFilters) => ({ ...s, q: query.trim() || undefined }), replace: true });
    }, 250);
    return () => clearTimeout(handle);
  }, [query, filters.q, navigate]);

  const list = useInfiniteQuery(campaignListQuery(filters));
  const campaigns = list.data?.pages.flatMap((p) => p.data) ?? [];
  const filtered = Boolean(filters.q || filters.type || (filters.status && filters.status !== 'active'));
  // An empty active list may still hide archived campaigns: say so instead of "create your first".
  const archived = useQuery({ ...hasArchivedQuery, enabled: list.isSuccess && campaigns.length === 0 && !filtered });
  const setFilter = (patch: Partial<CampaignFilters>) => void navigate({ search: (s: CampaignFilters) => ({ ...s, ...patch }), replace: true });

  return (
    <>
      <PageHeader
        title="Campaigns"
        description="Every QR code of your account. Dynamic codes can change their destination at any time."
        actions={
          <>
            <Link to="/app/bulk" className={buttonClass('secondary')}>
              <FileStack aria-hidden="true" />
              Bulk create
            </Link>
            <Link to="/app/campaigns/new" search={{}} className={buttonClass('primary')}>
              <Plus aria-hidden="true" />
              New campaign
            </Link>
          </>
        }
      />
      <AccountScans />

      <div className="mb-4 flex flex-col gap-2 sm:flex-row sm:items-center" role="search">
        <div className="relative flex-1">
          <Search aria-hidden="true" className="pointer-events-none absolute top-1/2 left-3 size-4 -translate-y-1/2 text-zinc-400" />
          <label htmlFor="campaign-search" className="sr-only">
            Search campaigns by name
          </label>
          <TextInput
            ref={searchRef}
            id="campaign-search"
            type="search"
            placeholder="Search by name"
            value={query}
            onChange={(e) => setQuery(e.target.value)}
            className="pr-10 pl-9"
            aria-keyshortcuts="/"
          />
          <kbd aria-hidden="true" className="absolute top-1/2 right-2.5 hidden -translate-y-1/2 rounded border border-zinc-200 px-1.5 text-[11px] text-zinc-400 sm:block dark:border-zinc-700">
            /
          </kbd>
        </div>
        <div className="grid grid-cols-2 gap-2 sm:flex">
          <label htmlFor="filter-type" className="sr-only">
            Type
          </label>
          <Select id="filter-type" value={filters.type ?? ''} onChange={(e) => setFilter({ type: (e.target.value || undefined) as QrType | undefined })} className="sm:w-40">
            <option value="">All types</option>
            {TYPES.map((t) => (
              <option key={t} value={t}>
                {QR_TYPE_LABELS[t]}
              </option>
            ))}
          </Select>
          <label htmlFor="filter-status" className="sr-only">
            Status
          </label>
          <Select
            id="filter-status"
            value={filters.status ?? 'active'}
            onChange={(e) => setFilter({ status: e.target.value === 'active' ? undefined : (e.target.value as CampaignStatus | 'all') })}
            className="sm:w-36"
          >
            <option value="active">Active</option>
            <option value="archived">Archived</option>
            <option value="all">All statuses</option>
          </Select>
        </div>
      </div>

      {list.isError ? (
        <Alert title="The campaigns could not be loaded">
          {errorText(list.error)}{' '}
          <button type="button" className="font-medium underline" onClick={() => void list.refetch()}>
            Try again
          </button>
        </Alert>
      ) : list.isPending ? (
        <div className="rounded-xl border border-zinc-200 bg-white dark:border-zinc-800 dark:bg-zinc-900">
          <ListSkeleton />
        </div>
      ) : campaigns.length === 0 ? (
        filtered ? (
          <EmptyState
            icon={<Search />}
            title="No campaigns match"
            actions={
              <Button
                onClick={() => {
                  setQuery('');
                  void navigate({ search: {}, replace: true });
                }}
              >
                Clear search and filters
              </Button>
            }
          >
            Nothing {filters.status === 'archived' ? 'archived ' : ''}matches {filters.q ? <>“{filters.q}”</> : 'these filters'}. Try another name or clear the filters.
          </EmptyState>
        ) : archived.data ? (
          <EmptyState
            icon={<Archive />}
            title="No active campaigns"
            actions={
              <>
                <Link to="/app/campaigns/new" search={{}} className={buttonClass('primary')}>
                  <Plus aria-hidden="true" />
                  New campaign
                </Link>
                <Button onClick={() => setFilter({ status: 'archived' })}>Show archived campaigns</Button>
              </>
            }
          >
            Every campaign of this account is archived. Archived codes show a page saying the campaign has ended; start a new one to print a working code.
          </EmptyState>
        ) : (
          <EmptyState
            icon={<QrCode />}
            title="Create your first QR code"
            actions={
              <>
                <Link to="/app/campaigns/new" search={{}} className={buttonClass('primary')}>
                  <Plus aria-hidden="true" />
                  New campaign
                </Link>
                <Link to="/app/bulk" className={buttonClass('secondary')}>
                  <FileStack aria-hidden="true" />
                  Create many from a list
                </Link>
              </>
            }
          >
            A campaign is one QR code: where it leads, how it looks, and its scans. Design one in the editor, or paste a list of links to make hundreds at once.
          </EmptyState>
        )
      ) : (
        <div
          aria-busy={list.isPlaceholderData || undefined}
          className={`overflow-hidden rounded-xl border border-zinc-200 bg-white transition-opacity dark:border-zinc-800 dark:bg-zinc-900 ${list.isPlaceholderData ? 'opacity-60' : ''}`}
        >
          <table className="w-full table-fixed text-left text-sm">
            <caption className="sr-only">Campaigns{filters.q ? ` matching “${filters.q}”` : ''}</caption>
            <thead className="border-b border-zinc-200 bg-zinc-50/70 text-xs text-zinc-500 dark:border-zinc-800 dark:bg-zinc-900 dark:text-zinc-400">
              <tr>
                <th scope="col" className="w-16 py-2.5 pl-4 font-medium">
                  <span className="sr-only">Code</span>
                </th>
                <th scope="col" className="py-2.5 pr-4 font-medium">
                  Name
                </th>
                <th scope="col" className="hidden w-[30%] py-2.5 pr-4 font-medium md:table-cell">
                  Destination
                </th>
                <th scope="col" className="hidden w-32 py-2.5 pr-4 font-medium lg:table-cell">
                  Created
                </th>
                <th scope="col" className="hidden w-32 py-2.5 pr-4 font-medium sm:table-cell">
                  Updated
                </th>
                <th scope="col" className="w-14 py-2.5 pr-3 font-medium">
                  <span className="sr-only">Actions</span>
                </th>
              </tr>
            </thead>
            <tbody className="divide-y divide-zinc-100 dark:divide-zinc-800">
              {campaigns.map((c) => (
                <tr key={c.id} className="group hover:bg-zinc-50/60 dark:hover:bg-zinc-800/40">
                  <td className="py-3 pl-4 align-middle">
                    <QrThumbnail campaign={c} className="size-10" />
                  </td>
                  <td className="min-w-0 py-3 pr-4 align-middle">
                    <div className="flex min-w-0 items-center gap-2">
                      <Link
                        to="/app/campaigns/$campaignId"
                        params={{ campaignId: c.id }}
                        // A 44 px touch target on a phone without a taller row: the padding reaches over the short link below.
                        className="truncate font-medium text-zinc-900 hover:underline max-sm:-my-3 max-sm:min-w-11 max-sm:py-3 dark:text-zinc-100"
                      >
                        {c.name}
                      </Link>
                      {c.qr_type !== 'dynamic' && <Badge tone={c.qr_type === 'morphing' ? 'accent' : 'neutral'}>{QR_TYPE_LABELS[c.qr_type]}</Badge>}
                      <CampaignStateBadge campaign={c} />
                      {c.livemode === false && (
                        <span className="shrink-0" title="A test campaign, made with a sec1-tst key: test keys may change it; live ones only prd keys and the dashboard">
                          {/* "Test mode", not "Test": beside a morphing code's "Live ticket" badge a bare "Test" read as a contradiction. */}
                          <Badge tone="warning">Test mode</Badge>
                        </span>
                      )}
                    </div>
                    <ShortLink url={c.public_url} whole={c.qr_type === 'static'} className="mt-0.5 text-[13px] text-zinc-500 dark:text-zinc-400" />
                  </td>
                  <td className="hidden truncate py-3 pr-4 align-middle text-zinc-600 md:table-cell dark:text-zinc-400" title={readableUrl(c.destination)}>
                    {displayUrl(c.destination)}
                  </td>
                  <td className="hidden py-3 pr-4 align-middle text-zinc-600 lg:table-cell dark:text-zinc-400">
                    <Time value={c.created_at} />
                  </td>
                  <td className="hidden py-3 pr-4 align-middle text-zinc-600 sm:table-cell dark:text-zinc-400">
                    <Time value={c.updated_at} />
                  </td>
                  <td className="py-3 pr-3 text-right align-middle">
                    <CampaignActions campaign={c} />
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
          <div className="flex items-center justify-between gap-4 border-t border-zinc-200 px-4 py-3 text-[13px] text-zinc-500 dark:border-zinc-800 dark:text-zinc-400">
            <span className="tabular" aria-live="polite">
              {list.hasNextPage ? `Showing the first ${formatCount(campaigns.length)}` : `${formatCount(campaigns.length)} ${campaigns.length === 1 ? 'campaign' : 'campaigns'}`}
            </span>
            {list.hasNextPage && (
              <Button size="sm" pending={list.isFetchingNextPage} onClick={() => void list.fetchNextPage()}>
                Show more
              </Button>
            )}
          </div>
        </div>
      )}
    </>
  );
}
