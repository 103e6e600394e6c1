// What a dashboard page shows when it fails: its code did not arrive (Tessera unreachable, or a
// newer build after a deploy) or it broke while rendering. Inside the app shell the navigation
// stays and the error sits in place of the page, where "Try again" loads it again (as the campaign
// list does for its own data). Before the shell has rendered (the session check at /app could not
// reach Tessera) there is nothing around it, so it is a page of its own: a main landmark, a
// heading, the same message and retry, and a way out to the sign-in page.
import { type ErrorComponentProps, Link, useRouter } from '@tanstack/react-router';
import { RotateCw } from 'lucide-react';
import { createContext, useContext, useEffect } from 'react';
import { errorText } from '../api/field-errors.ts';
import { staleReloadKey } from '../lib/section-chunk.ts';
import { useTitle } from '../lib/use-title.ts';
import { Brand } from './brand.tsx';
import { Button, buttonClass } from './ui/button.tsx';
import { Alert } from './ui/misc.tsx';

/** True below the app shell's <main> (AppShell provides it): an error there is shown in place. */
export const InAppShell = createContext(false);

const TITLE = 'This page could not be loaded';

export function RouteError({ error, reset }: ErrorComponentProps) {
  const router = useRouter();
  const inShell = useContext(InAppShell);
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
  const retry = () => {
    if (stale) return window.location.reload();
    reset();
    void router.invalidate();
  };
  const label = stale ? 'Reload the page' : 'Try again';
  if (!inShell) return <ErrorPage message={errorText(error)} retryLabel={label} onRetry={retry} />;
  return (
    <Alert title={TITLE}>
      {errorText(error)}{' '}
      <button type="button" className="font-medium underline" onClick={retry}>
        {label}
      </button>
    </Alert>
  );
}

function ErrorPage({ message, retryLabel, onRetry }: { message: string; retryLabel: string; onRetry: () => void }) {
  useTitle(TITLE);
  const here = `${window.location.pathname}${window.location.search}`;
  return (
    <div className="flex min-h-screen flex-col">
      <header className="flex h-14 items-center border-b border-zinc-200 px-4 sm:px-6 dark:border-zinc-800">
        <Link to="/" className="flex min-h-11 items-center rounded-md">
          <Brand />
        </Link>
      </header>
      <main className="flex flex-1 flex-col items-center justify-center px-4 py-12 text-center">
        <h1 className="text-xl font-semibold">{TITLE}</h1>
        <p role="alert" className="mt-2 max-w-md text-sm text-zinc-600 dark:text-zinc-400">
          {message}
        </p>
        <div className="mt-6 flex flex-col gap-3 sm:flex-row">
          <Button variant="primary" onClick={onRetry}>
            <RotateCw aria-hidden="true" />
            {retryLabel}
          </Button>
          {/* Signed in already, the sign-in page goes straight on to where this was headed. */}
          <Link to="/login" search={here.startsWith('/app') ? { redirect: here } : {}} className={buttonClass('secondary', 'md')}>
            Go to the sign-in page
          </Link>
        </div>
      </main>
    </div>
  );
}
