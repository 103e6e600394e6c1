import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { RouterProvider } from '@tanstack/react-router';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { onSessionLost } from './api/client.ts';
import { rememberSignedIn, sessionQuery, wasSignedIn } from './api/session.ts';
import { createAppRouter } from './router.tsx';
import './styles.css';

const queryClient = new QueryClient({
  defaultOptions: {
    queries: { staleTime: 15_000, refetchOnWindowFocus: true, retry: (count, error) => count < 2 && (error as { status?: number }).status !== 401 && (error as { status?: number }).status !== 404 },
  },
});
const router = createAppRouter(queryClient);

// Whichever way a session becomes known (loaded, signed in, signed up), this browser had one. Only
// a session arriving counts: signing out clears the cache, and the session query's removal (which
// still holds its data) set the mark again right after sign-out had forgotten it, so a link opened
// next said "Your session has ended".
queryClient.getQueryCache().subscribe((event) => {
  if (event.type === 'updated' && event.action.type === 'success' && event.query.queryKey[0] === sessionQuery.queryKey[0]) rememberSignedIn();
});

// A 401 from any call under /app: the session expired or was ended elsewhere, or there never was
// one (a link opened before signing in). Drop what the cache holds about the account, and come
// back to the same place after signing in; "your session has ended" only when there was one.
onSessionLost(() => {
  const here = router.state.location;
  if (!here.pathname.startsWith('/app')) return;
  const expired = queryClient.getQueryData(sessionQuery.queryKey) !== undefined || wasSignedIn();
  queryClient.clear();
  void router.navigate({ to: '/login', search: { redirect: here.href, ...(expired ? { expired: true } : {}) } });
});

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <QueryClientProvider client={queryClient}>
      <RouterProvider router={router} />
    </QueryClientProvider>
  </StrictMode>,
);
