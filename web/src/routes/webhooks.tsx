// Webhooks: the signing secret and the endpoints Tessera delivers events to (scans, form
// submissions, check-ins, payments…), each with its latest deliveries.
import { useQuery } from '@tanstack/react-query';
import { Plus, Webhook } from 'lucide-react';
import { useState } from 'react';
import { errorText } from '../api/field-errors.ts';
import { webhookEndpointsQuery, webhookSecretsQuery } from '../api/webhooks.ts';
import { Button } from '../components/ui/button.tsx';
import { Alert, Card, EmptyState, PageHeader, Skeleton } from '../components/ui/misc.tsx';
import { useTitle } from '../lib/use-title.ts';
import { AddEndpointDialog } from '../webhooks/endpoint-dialog.tsx';
import { EndpointRow } from '../webhooks/endpoint-row.tsx';
import { SecretCard } from '../webhooks/secret-card.tsx';

export function WebhooksPage() {
  useTitle('Webhooks');
  const endpoints = useQuery(webhookEndpointsQuery);
  // Endpoints are refused until a secret exists to sign their deliveries: no button that can only fail.
  const signing = useQuery(webhookSecretsQuery).data?.some((s) => s.status === 'active') ?? false;
  const [adding, setAdding] = useState(false);
  const add = (
    <Button variant="primary" onClick={() => setAdding(true)}>
      <Plus aria-hidden="true" />
      Add endpoint
    </Button>
  );
  return (
    <>
      <PageHeader
        title="Webhooks"
        description="Tell your own systems when something happens: a form is sent, a ticket checked in, a payment made."
        actions={endpoints.data?.length ? add : undefined}
      />
      <div className="space-y-6">
        <SecretCard />
        {endpoints.isError ? (
          <Alert title="The endpoints could not be loaded">{errorText(endpoints.error)}</Alert>
        ) : endpoints.isPending ? (
          <Skeleton className="h-32" />
        ) : endpoints.data.length === 0 ? (
          <EmptyState icon={<Webhook />} title="No endpoints yet" actions={signing ? add : undefined}>
            An endpoint is an address on your server. Tessera sends it each event as a signed POST request and tries again for days when it does not answer.
            {!signing && ' Create the signing secret above first: every delivery is signed with it.'}
          </EmptyState>
        ) : (
          <Card>
            <h2 className="border-b border-zinc-200 px-4 py-3 text-sm font-semibold dark:border-zinc-800">Endpoints</h2>
            <ul className="divide-y divide-zinc-100 dark:divide-zinc-800">
              {endpoints.data.map((e) => (
                <EndpointRow key={e.id} endpoint={e} />
              ))}
            </ul>
          </Card>
        )}
      </div>
      <AddEndpointDialog open={adding} onOpenChange={setAdding} />
    </>
  );
}
