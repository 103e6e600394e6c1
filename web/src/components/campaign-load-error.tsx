// What a campaign page shows when its campaign cannot be loaded: not found (deleted, another
// account's, a mistyped link) or another failure, with the way back.
import { Link } from '@tanstack/react-router';
import { TesseraApiError } from '@tessera/client';
import { errorText } from '../api/field-errors.ts';
import { Alert } from './ui/misc.tsx';

export function CampaignLoadError({ error }: { error: unknown }) {
  const notFound = error instanceof TesseraApiError && error.status === 404;
  return (
    <div className="space-y-4">
      <h1 className="text-xl font-semibold tracking-tight">{notFound ? 'Campaign not found' : 'This campaign could not be opened'}</h1>
      <Alert>
        {notFound ? 'No campaign of this account has this address: it may have been deleted, or the link is incomplete.' : errorText(error)}{' '}
        <Link to="/app" className="font-medium underline">
          Back to campaigns
        </Link>
      </Alert>
    </div>
  );
}
