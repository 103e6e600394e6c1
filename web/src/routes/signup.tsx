import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useMutation } from '../api/mutation.ts';
import { Link, useNavigate } from '@tanstack/react-router';
import { TesseraApiError, unwrap } from '@tessera/client';
import { type FormEvent, useEffect, useRef, useState } from 'react';
import { api } from '../api/client.ts';
import { errorText, fieldMessages } from '../api/field-errors.ts';
import { sessionQuery, signupPolicyQuery, toSession } from '../api/session.ts';
import { Button } from '../components/ui/button.tsx';
import { Field, TextInput } from '../components/ui/field.tsx';
import { Alert, Skeleton } from '../components/ui/misc.tsx';
import { useTitle } from '../lib/use-title.ts';
import { AuthLayout } from './auth-layout.tsx';

function SignupForm({ first }: { first: boolean }) {
  const queryClient = useQueryClient();
  const navigate = useNavigate();
  const [name, setName] = useState('');
  const [brand, setBrand] = useState('');
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const signUp = useMutation({
    mutationFn: () => unwrap(api.POST('/api/v1/auth/signup', { body: { email, password, ...(name.trim() ? { name: name.trim() } : {}), ...(brand.trim() ? { account_name: brand.trim() } : {}) } })),
    onSuccess: async (body) => {
      queryClient.setQueryData(sessionQuery.queryKey, toSession(body));
      await queryClient.invalidateQueries({ queryKey: signupPolicyQuery.queryKey });
      await navigate({ to: '/app' });
    },
  });
  const fields = fieldMessages(signUp.error);
  // A refusal naming fields moves the focus to the first of them, so a keyboard or screen-reader
  // user lands on what to fix instead of staying on the button.
  const form = useRef<HTMLFormElement>(null);
  useEffect(() => {
    if (signUp.error) form.current?.querySelector<HTMLElement>('[aria-invalid="true"]')?.focus();
  }, [signUp.error]);
  const closed = signUp.error instanceof TesseraApiError && signUp.error.code === 'signup_closed';
  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    signUp.mutate();
  };
  return (
    <form ref={form} onSubmit={onSubmit} noValidate className="space-y-4">
      {first && <Alert tone="info">This is a new Tessera: the account you create now owns it.</Alert>}
      {signUp.error && !fields.email && !fields.password && !fields.name && !fields.account_name && (
        <Alert>{closed ? 'Sign-up has just been closed on this Tessera. Ask its administrator for an account.' : errorText(signUp.error)}</Alert>
      )}
      <Field label="Your name" optional hint="Only you see it, in the dashboard." error={fields.name}>
        {(props) => <TextInput {...props} autoComplete="name" maxLength={200} value={name} onChange={(e) => setName(e.target.value)} />}
      </Field>
      <Field
        label="Organisation or brand"
        optional
        hint="What people who scan your codes see on the pages Tessera shows them, and what their address is made from (/p/your-brand/…). You can change the name later in Settings."
        error={fields.account_name}
      >
        {(props) => <TextInput {...props} autoComplete="organization" maxLength={100} value={brand} onChange={(e) => setBrand(e.target.value)} />}
      </Field>
      <Field label="Email" error={fields.email}>
        {(props) => <TextInput {...props} type="email" autoComplete="email" required value={email} onChange={(e) => setEmail(e.target.value)} />}
      </Field>
      {/* A refusal already says what the rule is: the hint would repeat it right under it. */}
      <Field label="Password" hint={fields.password ? undefined : 'At least 10 characters.'} error={fields.password}>
        {(props) => <TextInput {...props} type="password" autoComplete="new-password" required minLength={10} value={password} onChange={(e) => setPassword(e.target.value)} />}
      </Field>
      <Button type="submit" variant="primary" className="w-full" pending={signUp.isPending}>
        Create account
      </Button>
    </form>
  );
}

export function SignupPage() {
  const policy = useQuery(signupPolicyQuery);
  // Closed: the page says so in its title, not "Create your account" above a refusal.
  const closed = policy.data !== undefined && !policy.data.allowed;
  useTitle(closed ? 'Sign-up is closed' : 'Create an account');
  return (
    <AuthLayout
      title={closed ? 'Sign-up is closed' : 'Create your account'}
      subtitle={closed ? 'This Tessera’s accounts are made by its administrator.' : 'Design QR codes and change where they lead at any time.'}
      footer={
        <>
          Already have an account?{' '}
          <Link to="/login" className="font-medium text-accent-ink underline-offset-2 hover:underline">
            Sign in
          </Link>
        </>
      }
    >
      {policy.isPending ? (
        <div role="status" className="space-y-4" aria-busy="true" aria-label="Loading">
          <Skeleton className="h-9" />
          <Skeleton className="h-9" />
          <Skeleton className="h-9" />
        </div>
      ) : policy.data?.allowed ? (
        <SignupForm first={policy.data.mode === 'first'} />
      ) : (
        <Alert tone="info" title={policy.isError ? 'Sign-up could not be checked' : 'Ask for an account'}>
          {policy.isError ? (
            errorText(policy.error)
          ) : (
            <>
              Accounts here are created by its administrator (with <code>tessera account create</code>). Ask them for one, then sign in.
            </>
          )}
        </Alert>
      )}
    </AuthLayout>
  );
}
