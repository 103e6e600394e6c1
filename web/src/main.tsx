import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { RouterProvider } from '@tanstack/react-router';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { onSessionLost } from './api/client.ts';
import { createAppRouter } from './router.tsx';
import './styles.css';

const queryClient = new QueryClient({
  defaultOptions: {
    queries: { staleTime: 15_000, refetchOnWindowFocus: true, retry: (count, error) => count < 2 && (error as { status?: number }).status !== 401 && (error as { status?: number }).status !== 404 },
  },
});
const router = createAppRouter(queryClient);

// A 401 from any call while working: the session expired or was ended elsewhere. Drop what the
// cache holds about the account, and come back to the same place after signing in again.
onSessionLost(() => {
  const here = router.state.location;
  if (!here.pathname.startsWith('/app')) return;
  queryClient.clear();
  void router.navigate({ to: '/login', search: { redirect: here.href, expired: true } });
});

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <QueryClientProvider client={queryClient}>
      <RouterProvider router={router} />
    </QueryClientProvider>
  </StrictMode>,
);
