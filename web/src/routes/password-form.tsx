// Settings → Password: the signed-in person changes theirs with the current one. The server signs
// out their other sessions (another browser, a lost phone), which is why people change it.
import { KeyRound } from 'lucide-react';
import { type FormEvent, useState } from 'react';
import { errorText, fieldMessages } from '../api/field-errors.ts';
import { useMutation } from '../api/mutation.ts';
import { changePassword } from '../api/session.ts';
import { Button } from '../components/ui/button.tsx';
import { Field, TextInput } from '../components/ui/field.tsx';
import { Alert, Card } from '../components/ui/misc.tsx';
import { toast } from '../components/ui/toast.tsx';

export function PasswordForm() {
  const [current, setCurrent] = useState('');
  const [next, setNext] = useState('');
  const [missing, setMissing] = useState<{ current?: string; next?: string }>({});
  const save = useMutation({
    mutationFn: () => changePassword(current, next),
    onSuccess: () => {
      setCurrent('');
      setNext('');
      toast('Password changed. Other browsers signed in as you have been signed out.');
    },
  });
  const errors = fieldMessages(save.error);
  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    const empty = { current: current ? undefined : 'Enter the password you sign in with now.', next: next ? undefined : 'Enter a new password.' };
    setMissing(empty);
    if (empty.current || empty.next) {
      save.reset();
      return;
    }
    save.mutate();
  };
  return (
    <form onSubmit={onSubmit} noValidate>
      <Card className="space-y-5 p-5">
        <div>
          <h2 className="text-sm font-semibold">Password</h2>
          <p className="mt-1 text-[13px] text-zinc-600 dark:text-zinc-400">Changing it signs you out everywhere else. API keys keep working.</p>
        </div>
        {save.isError && Object.keys(errors).length === 0 && <Alert title="The password was not changed">{errorText(save.error)}</Alert>}
        <Field label="Current password" error={missing.current ?? errors.current_password}>
          {(props) => <TextInput {...props} type="password" autoComplete="current-password" value={current} onChange={(e) => setCurrent(e.target.value)} />}
        </Field>
        <Field label="New password" hint="At least 10 characters. A few unrelated words are easy to remember and hard to guess." error={missing.next ?? errors.new_password}>
          {(props) => <TextInput {...props} type="password" autoComplete="new-password" minLength={10} value={next} onChange={(e) => setNext(e.target.value)} />}
        </Field>
        <div className="flex justify-end">
          <Button type="submit" variant="primary" pending={save.isPending}>
            <KeyRound aria-hidden="true" />
            Change password
          </Button>
        </div>
      </Card>
    </form>
  );
}
