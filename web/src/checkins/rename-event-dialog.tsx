// Names an event (its batch of tickets) as people know it: "Spring fair, 14 March". Left empty, the
// event is known by its first ticket again.
import { useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useEffect, useRef, useState } from 'react';
import { doorEventQuery, renameEvent, sessionDoorApi } from '../api/checkins.ts';
import { errorText, fieldMessages } from '../api/field-errors.ts';
import { useMutation } from '../api/mutation.ts';
import { Button } from '../components/ui/button.tsx';
import { Dialog } from '../components/ui/dialog.tsx';
import { Field, TextInput } from '../components/ui/field.tsx';
import { Alert } from '../components/ui/misc.tsx';
import { looksScanned } from './event-title.ts';
import { toast } from '../components/ui/toast.tsx';

export function RenameEventDialog({ batchId, name, open, onOpenChange }: { batchId: string; name: string | null; open: boolean; onOpenChange: (open: boolean) => void }) {
  const queryClient = useQueryClient();
  const [draft, setDraft] = useState(name ?? '');
  const rename = useMutation({
    mutationFn: () => renameEvent(batchId, draft.trim() || null),
    onSuccess: (batch) => {
      queryClient.setQueryData(doorEventQuery(sessionDoorApi, batchId).queryKey, batch);
      void queryClient.invalidateQueries({ queryKey: ['checkins', 'batches'] });
      if (batch.name !== name) toast(batch.name ? `Event named “${batch.name}”` : 'Event name removed');
      onOpenChange(false);
    },
  });
  // Each opening starts from the name as it is then, without the last attempt's error; a refetch
  // while the dialog is open leaves what the person is typing alone.
  const { reset } = rename;
  const wasOpen = useRef(open);
  useEffect(() => {
    if (open && !wasOpen.current) {
      setDraft(name ?? '');
      setScanned(false);
      reset();
    }
    wasOpen.current = open;
  }, [open, name, reset]);
  const [scanned, setScanned] = useState(false);
  const fields = fieldMessages(rename.error);
  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    // A handheld scanner types a ticket's link and Enter into whatever has focus: with this dialog
    // open that would rename the event after the ticket, and the ticket would not be checked.
    if (looksScanned(draft)) {
      setScanned(true);
      return;
    }
    rename.mutate();
  };
  return (
    <Dialog
      open={open}
      onOpenChange={onOpenChange}
      title={name ? 'Rename event' : 'Name event'}
      description="Shown on the list of events and on this page, on every device. The tickets do not change."
    >
      <form onSubmit={onSubmit} noValidate className="space-y-4">
        {rename.error && !fields.name && <Alert>{errorText(rename.error)}</Alert>}
        <Field
          label="Event name"
          hint="Leave empty to list the event by its first ticket."
          error={scanned ? 'This is a scanned ticket, not a name: nothing was saved and the ticket was not checked. Close this window and scan it again.' : fields.name}
        >
          {(props) => (
            <TextInput
              {...props}
              autoFocus
              maxLength={200}
              value={draft}
              onChange={(e) => {
                setDraft(e.target.value);
                setScanned(false);
              }}
              placeholder="Spring fair, 14 March"
            />
          )}
        </Field>
        <div className="flex justify-end gap-2">
          <Button onClick={() => onOpenChange(false)}>Cancel</Button>
          <Button type="submit" variant="primary" pending={rename.isPending}>
            Save name
          </Button>
        </div>
      </form>
    </Dialog>
  );
}
