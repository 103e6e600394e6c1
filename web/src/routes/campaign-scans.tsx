// A campaign's scans: totals, a daily chart with its numbers as a table, where and on what the
// code was scanned, and the raw scans as CSV. Days are the viewer's, as the API counts them in tz.
import { useQuery } from '@tanstack/react-query';
import { useNavigate, useParams, useSearch } from '@tanstack/react-router';
import { Download } from 'lucide-react';
import { useMemo } from 'react';
import { RANGE_DAYS, type RangeDays, type ReportRange, daysEnding, exportCsvUrl, timelineQuery } from '../api/analytics.ts';
import { parseScansSearch } from './scans-search.ts';
import { campaignQuery } from '../api/campaigns.ts';
import { errorText } from '../api/field-errors.ts';
import type { Campaign } from '../api/types.ts';
import { BreakdownCard } from '../analytics/breakdown-card.tsx';
import { dayLabel } from '../analytics/labels.ts';
import { type Day, ScansChart } from '../analytics/scans-chart.tsx';
import { ScansEmpty } from '../analytics/scans-empty.tsx';
import { ScansTable } from '../analytics/scans-table.tsx';
import { TicketScansNote } from '../analytics/ticket-scans-note.tsx';
import { useToday } from '../analytics/use-today.ts';
import { CampaignLoadError } from '../components/campaign-load-error.tsx';
import { CampaignPageHeader } from '../components/campaign-page-header.tsx';
import { buttonClass } from '../components/ui/button.tsx';
import { Select } from '../components/ui/field.tsx';
import { Alert, Card, Skeleton } from '../components/ui/misc.tsx';
import { Stat } from '../components/ui/stat.tsx';
import { formatCount } from '../lib/dates.ts';
import { useTitle } from '../lib/use-title.ts';

// When the figures on screen were fetched: they refresh while the page is open (SCANS_REFRESH_MS).
const asOf = new Intl.DateTimeFormat(undefined, { timeStyle: 'medium' });

function Summary({ days }: { days: readonly Day[] }) {
  const scans = days.reduce((n, d) => n + d.scans, 0);
  const visitors = days.reduce((n, d) => n + d.unique_scans, 0);
  const busiest = days.reduce<Day | null>((best, d) => (d.scans > 0 && (!best || d.scans > best.scans) ? d : best), null);
  return (
    <dl className="grid gap-3 sm:grid-cols-3">
      <Stat label="Scans" value={formatCount(scans)} hint="Bots and link previews are left out" />
      <Stat label="Unique visitors" value={formatCount(visitors)} hint="Each person counted once a day" />
      <Stat label="Busiest day" value={busiest ? formatCount(busiest.scans) : '–'} hint={busiest ? dayLabel(busiest.date, { weekday: 'long', day: 'numeric', month: 'long' }) : 'No scans yet'} />
    </dl>
  );
}

function Report({ campaign, range, days: rangeDays }: { campaign: Campaign; range: ReportRange; days: RangeDays }) {
  const timeline = useQuery(timelineQuery(campaign.id, range));
  if (timeline.isPending)
    return (
      <div role="status" aria-busy="true" aria-label="Loading scans" className="space-y-4">
        <div className="grid gap-3 sm:grid-cols-3">
          {['scans', 'visitors', 'busiest'].map((stat) => (
            <Skeleton key={stat} className="h-24" />
          ))}
        </div>
        <Skeleton className="h-64" />
      </div>
    );
  if (timeline.isError) return <Alert title="The scans could not be loaded">{errorText(timeline.error)}</Alert>;
  const days = timeline.data.data;
  if (days.every((d) => d.scans === 0)) return <ScansEmpty campaign={campaign} days={rangeDays} />;
  return (
    <div className="space-y-4">
      <p className="text-[13px] text-zinc-600 dark:text-zinc-400">
        {/* Another period's figures stand in while this one's load: they have no time of their own. */}
        {timeline.isPlaceholderData || timeline.dataUpdatedAt === 0 ? (
          'Updating…'
        ) : (
          <>
            As of <time dateTime={new Date(timeline.dataUpdatedAt).toISOString()}>{asOf.format(timeline.dataUpdatedAt)}</time>.
          </>
        )}{' '}
        The figures update every 30 seconds while this page is open; a scan shows within a few seconds.
      </p>
      <Summary days={days} />
      <Card className="p-5">
        <figure aria-labelledby="chart-title" className="m-0">
          <div className="mb-3 flex flex-wrap items-baseline justify-between gap-2">
            <h2 id="chart-title" className="text-sm font-semibold">
              Scans per day
            </h2>
            <div className="flex gap-4 text-xs text-zinc-600 dark:text-zinc-400">
              <span className="inline-flex items-center gap-1.5">
                <span aria-hidden="true" className="size-2.5 rounded-sm bg-accent" />
                Scans
              </span>
              <span className="inline-flex items-center gap-1.5">
                <span aria-hidden="true" className="h-0.5 w-3 rounded-full bg-zinc-500" />
                Unique visitors
              </span>
            </div>
          </div>
          <ScansChart days={days} />
          <ScansTable days={days} />
        </figure>
      </Card>
      <div className="grid gap-4 md:grid-cols-2">
        <BreakdownCard campaignId={campaign.id} path="countries" title="Countries" range={range} />
        <BreakdownCard campaignId={campaign.id} path="device-types" title="Devices" range={range} />
        <BreakdownCard campaignId={campaign.id} path="devices" title="Operating systems" range={range} />
        <BreakdownCard campaignId={campaign.id} path="browsers" title="Browsers" range={range} />
      </div>
    </div>
  );
}

export function CampaignScansPage() {
  const { campaignId } = useParams({ from: '/app/campaigns/$campaignId/scans' });
  const search = useSearch({ from: '/app/campaigns/$campaignId/scans' });
  const navigate = useNavigate({ from: '/app/campaigns/$campaignId/scans' });
  const days: RangeDays = search.days ?? 30;
  // The range changes only with the choice or the viewer's date, so the queries keep their keys in between.
  const today = useToday();
  const range = useMemo(() => daysEnding(today, days), [days, today]);
  const campaign = useQuery(campaignQuery(campaignId));
  useTitle(campaign.data ? `Scans · ${campaign.data.name}` : 'Scans');
  if (campaign.isError) return <CampaignLoadError error={campaign.error} />;
  // A static code's scans never reach Tessera: no period to pick, nothing to download.
  const counted = campaign.data !== undefined && campaign.data.qr_type !== 'static';
  return (
    <div>
      <CampaignPageHeader
        campaignId={campaignId}
        campaignName={campaign.data?.name}
        title="Scans"
        actions={
          counted && (
            <>
              <label className="sr-only" htmlFor="scan-range">
                Period
              </label>
              <Select id="scan-range" className="sm:w-40" value={String(days)} onChange={(e) => void navigate({ search: parseScansSearch({ days: e.target.value }), replace: true })}>
                {RANGE_DAYS.map((d) => (
                  <option key={d} value={d}>
                    Last {d} days
                  </option>
                ))}
              </Select>
              <a className={buttonClass('secondary', 'md')} href={exportCsvUrl(campaignId, range)} download>
                <Download aria-hidden="true" />
                Download CSV
              </a>
            </>
          )
        }
      />
      {campaign.isPending ? (
        <Skeleton className="h-64" />
      ) : campaign.data.qr_type === 'static' ? (
        <Alert tone="info" title="Static codes are not counted">
          A static code holds its destination itself, so phones go there without passing through Tessera. Make a dynamic code to count scans.
        </Alert>
      ) : (
        <>
          {campaign.data.qr_type === 'morphing' && <TicketScansNote campaign={campaign.data} />}
          <Report campaign={campaign.data} range={range} days={days} />
        </>
      )}
    </div>
  );
}
