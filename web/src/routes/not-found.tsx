import { Link } from '@tanstack/react-router';
import { buttonClass } from '../components/ui/button.tsx';
import { useTitle } from '../lib/use-title.ts';

export function NotFoundPage() {
  useTitle('Page not found');
  return (
    <main className="flex min-h-[60vh] flex-col items-center justify-center px-4 text-center">
      <p className="text-sm font-medium text-accent-ink">404</p>
      <h1 className="mt-2 text-xl font-semibold">This page does not exist</h1>
      <p className="mt-2 max-w-sm text-sm text-zinc-600 dark:text-zinc-400">The address may be mistyped, or what it showed has been removed.</p>
      <Link to="/app" className={buttonClass('secondary', 'md', 'mt-6')}>
        Go to your campaigns
      </Link>
    </main>
  );
}
