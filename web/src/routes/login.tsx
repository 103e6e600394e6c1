import { useQuery } from '@tanstack/react-query';
import { Link, useNavigate, useSearch } from '@tanstack/react-router';
import { useEffect } from 'react';
import { forgetSignedIn, sessionQuery, signupPolicyQuery } from '../api/session.ts';
import { Alert } from '../components/ui/misc.tsx';
import { useTitle } from '../lib/use-title.ts';
import { AuthLayout } from './auth-layout.tsx';
import { InlineCode } from '../components/inline-code.tsx';
import { safeRedirect, SignInForm } from './sign-in-form.tsx';

export function LoginPage() {
  useTitle('Sign in');
  const search = useSearch({ from: '/login' });
  const session = useQuery({ ...sessionQuery, enabled: !search.expired });
  const policy = useQuery(signupPolicyQuery).data;
  const navigate = useNavigate();
  const signedIn = Boolean(session.data) && !search.expired;
  // Already signed in (another tab, a bookmark): go where the person was headed.
  useEffect(() => {
    if (signedIn) void navigate({ href: safeRedirect(search.redirect), replace: true });
  }, [signedIn, navigate, search.redirect]);
  // Signed out (the server says there is no session, and this is not the "session ended" page):
  // a later 401 is then a link opened before signing in, not an ended session.
  const signedOut = session.isError && !search.expired;
  useEffect(() => {
    if (signedOut) forgetSignedIn();
  }, [signedOut]);
  return (
    <AuthLayout
      title="Sign in to Tessera"
      subtitle="Manage your QR codes, designs and API keys."
      footer={
        policy?.allowed ? (
          <>
            New here?{' '}
            <Link to="/signup" className="font-medium text-accent-ink underline-offset-2 hover:underline">
              Create an account
            </Link>
          </>
        ) : (
          'Need an account? Ask the person who runs this Tessera to create one for you.'
        )
      }
    >
      {search.expired ? (
        <div className="mb-4">
          <Alert tone="info">Your session has ended. Sign in again to continue where you were.</Alert>
        </div>
      ) : search.redirect ? (
        <div className="mb-4">
          <Alert tone="info">Sign in to continue.</Alert>
        </div>
      ) : null}
      <SignInForm redirectTo={search.redirect} />
      <p className="mt-4 text-[13px] text-zinc-600 dark:text-zinc-400">
        Forgot your password? The person who runs this Tessera can set a new one for you with <InlineCode text="`tessera account password`" />.
      </p>
    </AuthLayout>
  );
}
