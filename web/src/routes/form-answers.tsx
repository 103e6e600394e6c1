// What people sent through a campaign's hosted-page form: one row per answer, one column per
// field (as the form labels it), newest first, and the whole set as CSV.
import { useInfiniteQuery, useQuery } from '@tanstack/react-query';
import { Link, useParams } from '@tanstack/react-router';
import { Download, FileText, Inbox } from 'lucide-react';
import { campaignQuery } from '../api/campaigns.ts';
import { errorText } from '../api/field-errors.ts';
import { formAnswersCsvUrl, formAnswersQuery } from '../api/forms.ts';
import { CampaignLoadError } from '../components/campaign-load-error.tsx';
import { CampaignPageHeader } from '../components/campaign-page-header.tsx';
import { Button, buttonClass } from '../components/ui/button.tsx';
import { CopyButton } from '../components/ui/copy-button.tsx';
import { Alert, Card, EmptyState, Skeleton, Time } from '../components/ui/misc.tsx';
import { ScrollingTable } from '../components/ui/scrolling-table.tsx';
import { useTitle } from '../lib/use-title.ts';
import type { JsonResponse } from '@tessera/client';

/** An answer's value as text: yes/no for a checkbox, "—" for a field left empty. */
function cell(value: unknown): string {
  if (value === null || value === undefined || value === '') return '—';
  if (typeof value === 'boolean') return value ? 'Yes' : 'No';
  return String(value);
}

type Field = { name: string; label: string };
type Answer = JsonResponse<'/api/v1/forms/campaign/{id}', 'get'>['data'][number];

// On a phone a table of several questions scrolls sideways and hides all but the first answers
// of a row: there, each answer is a card that reads top to bottom, question by question.
function AnswerCards({ fields, rows }: { fields: Field[]; rows: Answer[] }) {
  return (
    <ul aria-label="Answers, newest first" className="divide-y divide-zinc-100 sm:hidden dark:divide-zinc-800">
      {rows.map((a) => (
        <li key={a.id} className="px-4 py-3">
          <p className="text-[13px] text-zinc-600 dark:text-zinc-400">
            <Time value={a.created_at} />
          </p>
          <dl className="mt-1 space-y-1 text-sm">
            {fields.map((f) => (
              <div key={f.name}>
                <dt className="text-[13px] font-medium text-zinc-600 dark:text-zinc-400">{f.label}</dt>
                <dd className="break-words">{cell(a.data[f.name])}</dd>
              </div>
            ))}
          </dl>
        </li>
      ))}
    </ul>
  );
}

export function FormAnswersPage() {
  const { campaignId } = useParams({ from: '/app/campaigns/$campaignId/answers' });
  const campaign = useQuery(campaignQuery(campaignId));
  const answers = useInfiniteQuery(formAnswersQuery(campaignId));
  useTitle(campaign.data ? `Form answers · ${campaign.data.name}` : 'Form answers');
  if (campaign.isError) return <CampaignLoadError error={campaign.error} />;
  const fields = campaign.data?.hosted_page?.form?.fields ?? [];
  const rows = answers.data?.pages.flatMap((p) => p.data) ?? [];
  return (
    <div>
      <CampaignPageHeader
        campaignId={campaignId}
        campaignName={campaign.data?.name}
        title="Form answers"
        actions={
          rows.length > 0 && (
            <a className={buttonClass('secondary', 'md')} href={formAnswersCsvUrl(campaignId)} download>
              <Download aria-hidden="true" />
              Download CSV
            </a>
          )
        }
      />
      {campaign.isPending || answers.isPending ? (
        <Skeleton className="h-48" />
      ) : answers.isError ? (
        <Alert title="The answers could not be loaded">{errorText(answers.error)}</Alert>
      ) : rows.length === 0 ? (
        <EmptyState
          icon={<Inbox />}
          title="No answers yet"
          actions={
            campaign.data.hosted_page?.form && campaign.data.hosted_page.published && campaign.data.hosted_page_url ? (
              <CopyButton text={campaign.data.hosted_page_url} label="Copy the page's link" copiedMessage="Link copied" />
            ) : campaign.data.status === 'active' ? (
              <Link to="/app/campaigns/$campaignId/page" params={{ campaignId }} className={buttonClass('secondary', 'md')}>
                <FileText aria-hidden="true" />
                {campaign.data.hosted_page?.form ? 'Publish the page' : 'Add a form to the page'}
              </Link>
            ) : undefined
          }
        >
          {campaign.data.hosted_page?.form
            ? 'Answers sent through the form on this campaign’s page show here, newest first.'
            : 'This campaign’s page has no form yet. Add one to collect answers here.'}
        </EmptyState>
      ) : (
        <Card className="overflow-hidden">
          <AnswerCards fields={fields} rows={rows} />
          <ScrollingTable className="max-sm:hidden" label="Answers, newest first" columns={[{ key: 'sent', title: 'Sent' }, ...fields.map((f) => ({ key: f.name, title: f.label }))]}>
            {rows.map((a) => (
              <tr key={a.id}>
                <td className="px-4 py-2 whitespace-nowrap">
                  <Time value={a.created_at} />
                </td>
                {fields.map((f) => (
                  <td key={f.name} className="max-w-72 px-4 py-2 break-words">
                    {cell(a.data[f.name])}
                  </td>
                ))}
              </tr>
            ))}
          </ScrollingTable>
          {answers.hasNextPage && (
            <div className="border-t border-zinc-100 p-3 text-center dark:border-zinc-800">
              <Button pending={answers.isFetchingNextPage} onClick={() => void answers.fetchNextPage()}>
                Show more
              </Button>
            </div>
          )}
        </Card>
      )}
    </div>
  );
}
