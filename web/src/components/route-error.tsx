// What a dashboard page shows in place when it fails: its code did not arrive (Tessera
// unreachable, or a newer build after a deploy) or it broke while rendering. The navigation stays;
// "Try again" loads the page again, as the campaign list does for its own data.
import { type ErrorComponentProps, useRouter } from '@tanstack/react-router';
import { useEffect } from 'react';
import { errorText } from '../api/field-errors.ts';
import { staleReloadKey } from '../lib/section-chunk.ts';
import { Alert } from './ui/misc.tsx';

export function RouteError({ error, reset }: ErrorComponentProps) {
  const router = useRouter();
  // A chunk gone after a deploy: one reload fetches the new build (not again if that did not help).
  const key = staleReloadKey(error);
  const reload = key !== undefined && !sessionStorage.getItem(key);
  useEffect(() => {
    if (!reload || key === undefined) return;
    sessionStorage.setItem(key, '1');
    window.location.reload();
  }, [reload, key]);
  if (reload) return null;
  const stale = key !== undefined;
  return (
    <Alert title="This page could not be loaded">
      {errorText(error)}{' '}
      <button
        type="button"
        className="font-medium underline"
        onClick={() => {
          if (stale) return window.location.reload();
          reset();
          void router.invalidate();
        }}
      >
        {stale ? 'Reload the page' : 'Try again'}
      </button>
    </Alert>
  );
}
