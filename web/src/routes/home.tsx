// The product page at /: what Tessera does, in a few plain lines, beside the sign-in form.
// Signed-in people never see it (the server sends them on to /app).
import { useQuery } from '@tanstack/react-query';
import { Link } from '@tanstack/react-router';
import { BarChart3, FileStack, Palette, RefreshCw } from 'lucide-react';
import { signupPolicyQuery } from '../api/session.ts';
import { Brand } from '../components/brand.tsx';
import { buttonClass } from '../components/ui/button.tsx';
import { useTitle } from '../lib/use-title.ts';
import { SignInForm } from './sign-in-form.tsx';

const FEATURES = [
  { icon: RefreshCw, title: 'Change it after printing', text: 'Dynamic codes lead through a short link, so the destination can change while the print stays the same.' },
  { icon: Palette, title: 'Designs that still scan', text: 'Shapes, colours, gradients, logos and frames, checked for contrast and error-correction as you go.' },
  { icon: FileStack, title: 'A thousand at once', text: 'Paste a list or drop a spreadsheet and download every code as SVG or PNG with a manifest.' },
  { icon: BarChart3, title: 'Yours to run', text: 'One service on SQLite or PostgreSQL, with an API and signed webhooks for everything on screen.' },
];

export function HomePage() {
  useTitle('');
  const policy = useQuery(signupPolicyQuery).data;
  return (
    <div className="min-h-screen">
      <header className="mx-auto flex h-16 max-w-6xl items-center justify-between px-4 sm:px-6">
        <Brand className="text-lg" />
        <nav aria-label="Site" className="flex items-center gap-1">
          <a href="/docs" className={buttonClass('ghost', 'sm')}>
            API docs
          </a>
          {policy?.allowed && (
            <Link to="/signup" className={buttonClass('secondary', 'sm')}>
              Create account
            </Link>
          )}
        </nav>
      </header>
      {/* On phones the sign-in comes right after the headline; on desktops it sits beside everything. */}
      <main className="mx-auto grid max-w-6xl gap-10 px-4 pt-8 pb-16 sm:px-6 lg:grid-cols-[1fr_380px] lg:gap-x-16 lg:gap-y-10 lg:pt-20">
        <section aria-labelledby="hero-title" className="lg:col-start-1">
          <p className="text-sm font-medium text-accent-ink">Self-hosted QR platform</p>
          <h1 id="hero-title" className="mt-3 max-w-xl text-3xl font-semibold tracking-tight text-balance sm:text-[2.5rem] sm:leading-tight">
            QR codes you can change after they are printed.
          </h1>
          <p className="mt-4 max-w-xl text-base leading-relaxed text-zinc-600 dark:text-zinc-400">
            Tessera designs, serves and measures your QR codes: posters, packaging, tickets and menus that keep working when the page behind them moves.
          </p>
        </section>
        <section aria-labelledby="sign-in-title" className="lg:col-start-2 lg:row-span-2 lg:row-start-1 lg:pt-2">
          <div className="rounded-xl border border-zinc-200 bg-white p-6 shadow-xs sm:p-7 dark:border-zinc-800 dark:bg-zinc-900">
            <h2 id="sign-in-title" className="text-base font-semibold">
              Sign in
            </h2>
            <p className="mt-1 mb-5 text-sm text-zinc-600 dark:text-zinc-400">to your campaigns, templates and API keys.</p>
            <SignInForm />
          </div>
          <p className="mt-4 text-center text-sm text-zinc-600 dark:text-zinc-400">
            {policy?.allowed ? (
              <>
                {policy.mode === 'first' ? 'Setting up this Tessera? ' : 'No account yet? '}
                <Link to="/signup" className="font-medium text-accent-ink underline-offset-2 hover:underline">
                  {policy.mode === 'first' ? 'Create the first account' : 'Create one'}
                </Link>
              </>
            ) : (
              'Accounts are created by the person who runs this Tessera.'
            )}
          </p>
        </section>
        <section aria-label="What Tessera does" className="lg:col-start-1">
          <ul className="grid gap-x-8 gap-y-7 sm:grid-cols-2">
            {FEATURES.map(({ icon: Icon, title, text }) => (
              <li key={title} className="flex gap-3">
                <span className="mt-0.5 flex size-8 shrink-0 items-center justify-center rounded-lg bg-accent-soft text-accent-ink" aria-hidden="true">
                  <Icon className="size-4" />
                </span>
                <div>
                  <h2 className="text-sm font-semibold">{title}</h2>
                  <p className="mt-1 text-sm leading-relaxed text-zinc-600 dark:text-zinc-400">{text}</p>
                </div>
              </li>
            ))}
          </ul>
        </section>
      </main>
    </div>
  );
}
