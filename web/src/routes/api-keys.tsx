// API keys: masked list, create (shown once), regenerate with a grace period, revoke.
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { Link } from '@tanstack/react-router';
import { useMutation } from '../api/mutation.ts';
import { KeyRound, Plus } from 'lucide-react';
import { useState } from 'react';
import { apiKeysQuery, revokeApiKey } from '../api/api-keys.ts';
import { errorText } from '../api/field-errors.ts';
import type { ApiKey } from '../api/types.ts';
import { Button } from '../components/ui/button.tsx';
import { ConfirmDialog } from '../components/ui/dialog.tsx';
import { Alert, Badge, EmptyState, PageHeader, Skeleton, Time } from '../components/ui/misc.tsx';
import { toast } from '../components/ui/toast.tsx';
import { useTitle } from '../lib/use-title.ts';
import { CreateKeyDialog, RegenerateKeyDialog } from './api-key-dialogs.tsx';

const STATUS: Record<ApiKey['status'], { label: string; tone: 'success' | 'warning' | 'neutral' | 'danger' }> = {
  active: { label: 'Active', tone: 'success' },
  rotating: { label: 'Being replaced', tone: 'warning' },
  expired: { label: 'Expired', tone: 'neutral' },
  revoked: { label: 'Revoked', tone: 'neutral' },
};

function KeyRow({ apiKey, onRegenerate, onRevoke }: { apiKey: ApiKey; onRegenerate: () => void; onRevoke: () => void }) {
  const usable = apiKey.status === 'active' || apiKey.status === 'rotating';
  const status = STATUS[apiKey.status];
  return (
    // A key that no longer works says so with its status badge and a muted name, never with
    // opacity: faded text falls below the 4.5:1 contrast people need to read it.
    <li className="flex flex-col gap-3 px-4 py-4 sm:flex-row sm:items-center">
      <div className="min-w-0 flex-1">
        <div className="flex flex-wrap items-center gap-2">
          <span className={`min-w-0 font-medium [overflow-wrap:anywhere] ${usable ? '' : 'text-zinc-600 dark:text-zinc-400'}`}>{apiKey.name || 'Unnamed key'}</span>
          <Badge tone={apiKey.env === 'prd' ? 'accent' : 'warning'}>{apiKey.env === 'prd' ? 'Live' : 'Test'}</Badge>
          {apiKey.scope === 'checkin' && <Badge tone="neutral">{apiKey.batch_id ? 'Check-in · one event' : 'Check-in only'}</Badge>}
          <Badge tone={status.tone}>{status.label}</Badge>
        </div>
        <p className="mt-1 font-mono text-[13px] break-all text-zinc-600 dark:text-zinc-400">{apiKey.display_mask}</p>
        {apiKey.batch_id && (
          <p className="mt-1 text-[13px]">
            <Link to="/app/checkins/$batchId" params={{ batchId: apiKey.batch_id }} className="font-medium text-accent-ink underline-offset-2 hover:underline">
              Open its event’s door
            </Link>
          </p>
        )}
        <p className="mt-1 text-[13px] text-zinc-500 dark:text-zinc-400">
          Created <Time value={apiKey.created_at} />
          {' · '}
          {apiKey.last_used_at ? (
            <>
              last used <Time value={apiKey.last_used_at} />
            </>
          ) : (
            'never used'
          )}
          {apiKey.revoked_at ? (
            <>
              {' · '}revoked <Time value={apiKey.revoked_at} />
            </>
          ) : apiKey.expires_at ? (
            <>
              {' · '}
              {apiKey.status === 'expired' ? 'expired' : apiKey.status === 'rotating' ? 'stops working' : 'expires'} <Time value={apiKey.expires_at} />
            </>
          ) : null}
        </p>
      </div>
      {usable && (
        <div className="flex gap-2">
          {apiKey.status === 'active' && (
            <Button size="sm" onClick={onRegenerate}>
              Regenerate
            </Button>
          )}
          <Button size="sm" variant="ghost" className="text-red-700 hover:bg-red-50 hover:text-red-800 dark:text-red-400 dark:hover:bg-red-950" onClick={onRevoke}>
            Revoke
          </Button>
        </div>
      )}
    </li>
  );
}

const LIST = 'divide-y divide-zinc-100 rounded-xl border border-zinc-200 bg-white dark:divide-zinc-800 dark:border-zinc-800 dark:bg-zinc-900';

/**
 * The keys in use, then the revoked ones folded away: revoked keys never work again, and a list
 * that keeps every key ever revoked on top buries the ones that matter. They stay listed (folded)
 * so a server failing with "revoked" can be matched to the key it still holds.
 */
function KeyLists({ keys, onCreate, onRegenerate, onRevoke }: { keys: ApiKey[]; onCreate: () => void; onRegenerate: (key: ApiKey) => void; onRevoke: (key: ApiKey) => void }) {
  const inUse = keys.filter((k) => k.status !== 'revoked');
  const revoked = keys.filter((k) => k.status === 'revoked');
  return (
    <>
      {inUse.length === 0 ? (
        <EmptyState
          icon={<KeyRound />}
          title={revoked.length ? 'No API keys in use' : 'No API keys yet'}
          actions={
            <Button variant="primary" onClick={onCreate}>
              {revoked.length ? 'Create a key' : 'Create your first key'}
            </Button>
          }
        >
          A key lets your own servers and scripts create codes and payment requests, read analytics and manage campaigns through the API, without a password.
        </EmptyState>
      ) : (
        <ul className={LIST}>
          {inUse.map((k) => (
            <KeyRow key={k.id} apiKey={k} onRegenerate={() => onRegenerate(k)} onRevoke={() => onRevoke(k)} />
          ))}
        </ul>
      )}
      {revoked.length > 0 && (
        <details className="mt-6">
          <summary className="cursor-pointer rounded text-sm font-medium text-zinc-700 max-sm:py-3.5 hover:text-zinc-900 dark:text-zinc-300 dark:hover:text-zinc-100">
            Revoked keys ({revoked.length})
          </summary>
          <p className="mt-2 mb-3 text-[13px] text-zinc-600 dark:text-zinc-400">These no longer work. They stay here so you can tell which key a failing server still uses.</p>
          <ul className={LIST}>
            {revoked.map((k) => (
              <KeyRow key={k.id} apiKey={k} onRegenerate={() => onRegenerate(k)} onRevoke={() => onRevoke(k)} />
            ))}
          </ul>
        </details>
      )}
    </>
  );
}

export function ApiKeysPage() {
  useTitle('API keys');
  const queryClient = useQueryClient();
  const keys = useQuery(apiKeysQuery);
  const [creating, setCreating] = useState(false);
  const [regenerating, setRegenerating] = useState<ApiKey | null>(null);
  const [revoking, setRevoking] = useState<ApiKey | null>(null);
  const revoke = useMutation({
    mutationFn: (key: ApiKey) => revokeApiKey(key.id),
    // The dialog closes once the list shows the key revoked: its row moves into the folded list,
    // so focus goes back to the page's heading instead of a button about to vanish (then <body>).
    onSuccess: async (_r, key) => {
      await queryClient.invalidateQueries({ queryKey: apiKeysQuery.queryKey });
      toast(`Key ${key.name ? `“${key.name}” ` : ''}revoked`);
      setRevoking(null);
    },
  });
  return (
    <>
      <PageHeader
        title="API keys"
        description={
          <>
            Keys let your servers, scripts and door scanners use Tessera without a password. Each is shown once, when it is made. In <code className="font-mono text-[13px]">sec1-prd-…-42</code> the
            last two digits are a checksum, so a mistyped key is caught before it is used.
          </>
        }
        actions={
          <Button variant="primary" onClick={() => setCreating(true)}>
            <Plus aria-hidden="true" />
            Create key
          </Button>
        }
      />
      {keys.isError ? (
        <Alert title="The keys could not be loaded">{errorText(keys.error)}</Alert>
      ) : keys.isPending ? (
        <div role="status" aria-busy="true" aria-label="Loading keys" className="space-y-3 rounded-xl border border-zinc-200 bg-white p-4 dark:border-zinc-800 dark:bg-zinc-900">
          <Skeleton className="h-4 w-56" />
          <Skeleton className="h-3 w-80" />
          <Skeleton className="h-3 w-64" />
        </div>
      ) : (
        <KeyLists keys={keys.data} onCreate={() => setCreating(true)} onRegenerate={setRegenerating} onRevoke={setRevoking} />
      )}
      <CreateKeyDialog open={creating} onOpenChange={setCreating} />
      {regenerating && <RegenerateKeyDialog apiKey={regenerating} onClose={() => setRegenerating(null)} />}
      {revoking && (
        <ConfirmDialog
          open
          onOpenChange={(open) => !open && setRevoking(null)}
          title={`Revoke ${revoking.name ? `“${revoking.name}”` : revoking.display_mask}?`}
          description={
            <>
              {revoking.scope === 'checkin'
                ? 'It stops working at once: door scanners and staff phones using it, or its door link, can no longer check tickets in until they get a new key or link.'
                : 'It stops working at once: every server or script still using it gets “revoked” errors until it has a new key.'}
              {revoke.error && <span className="mt-2 block text-red-700 dark:text-red-400">{errorText(revoke.error)}</span>}
            </>
          }
          confirmLabel="Revoke key"
          pending={revoke.isPending}
          onConfirm={() => revoke.mutate(revoking)}
        />
      )}
    </>
  );
}
