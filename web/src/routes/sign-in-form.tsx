// Email and password sign-in, used by /login and the product page.
import { useQueryClient } from '@tanstack/react-query';
import { useMutation } from '../api/mutation.ts';
import { useNavigate } from '@tanstack/react-router';
import { TesseraApiError, unwrap } from '@tessera/client';
import { type FormEvent, useState } from 'react';
import { api } from '../api/client.ts';
import { errorText, fieldMessages } from '../api/field-errors.ts';
import { sessionQuery, toSession } from '../api/session.ts';
import { Button } from '../components/ui/button.tsx';
import { Field, TextInput } from '../components/ui/field.tsx';
import { Alert } from '../components/ui/misc.tsx';

/** Only same-site dashboard paths are followed after sign-in (no open redirect). */
export function safeRedirect(target: unknown): string {
  return typeof target === 'string' && /^\/app(?:[/?#]|$)/.test(target) ? target : '/app';
}

export function SignInForm({ redirectTo }: { redirectTo?: string }) {
  const queryClient = useQueryClient();
  const navigate = useNavigate();
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  // Empty fields are named here: sent, they would come back as "do not match an account".
  const [missing, setMissing] = useState<{ email?: string; password?: string }>({});
  const signIn = useMutation({
    mutationFn: () => unwrap(api.POST('/api/v1/auth/login', { body: { email, password } })),
    onSuccess: async (body) => {
      queryClient.setQueryData(sessionQuery.queryKey, toSession(body));
      await navigate({ href: safeRedirect(redirectTo) });
    },
  });
  const fields = fieldMessages(signIn.error);
  const wrongCredentials = signIn.error instanceof TesseraApiError && signIn.error.status === 401;
  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    const empty = { email: email.trim() ? undefined : 'Enter your email address.', password: password ? undefined : 'Enter your password.' };
    setMissing(empty);
    if (empty.email || empty.password) {
      signIn.reset();
      return;
    }
    signIn.mutate();
  };
  return (
    <form onSubmit={onSubmit} noValidate className="space-y-4">
      {signIn.error && !fields.email && !fields.password && <Alert>{wrongCredentials ? 'That email and password do not match an account. Check both and try again.' : errorText(signIn.error)}</Alert>}
      <Field label="Email" error={missing.email ?? fields.email}>
        {(props) => <TextInput {...props} type="email" autoComplete="username" required value={email} onChange={(e) => setEmail(e.target.value)} />}
      </Field>
      <Field label="Password" error={missing.password ?? fields.password}>
        {(props) => <TextInput {...props} type="password" autoComplete="current-password" required value={password} onChange={(e) => setPassword(e.target.value)} />}
      </Field>
      <Button type="submit" variant="primary" className="w-full" pending={signIn.isPending}>
        Sign in
      </Button>
    </form>
  );
}
