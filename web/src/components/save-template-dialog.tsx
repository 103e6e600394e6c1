import { useQueryClient } from '@tanstack/react-query';
import { useMutation } from '../api/mutation.ts';
import { type FormEvent, useState } from 'react';
import { errorText, fieldMessages } from '../api/field-errors.ts';
import { saveTemplate, templatesQuery } from '../api/templates.ts';
import type { DesignConfig } from '../api/types.ts';
import { Button } from './ui/button.tsx';
import { Dialog } from './ui/dialog.tsx';
import { Field, TextInput } from './ui/field.tsx';
import { Alert } from './ui/misc.tsx';
import { toast } from './ui/toast.tsx';

/** Names the current design and saves it as a template. */
export function SaveTemplateDialog({ open, onOpenChange, design }: { open: boolean; onOpenChange: (open: boolean) => void; design: DesignConfig }) {
  const queryClient = useQueryClient();
  const [name, setName] = useState('');
  const save = useMutation({
    mutationFn: () => saveTemplate(name.trim(), design),
    onSuccess: (template) => {
      void queryClient.invalidateQueries({ queryKey: templatesQuery.queryKey });
      toast(`Template “${template.name}” saved`);
      setName('');
      onOpenChange(false);
    },
  });
  const fields = fieldMessages(save.error);
  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    save.mutate();
  };
  return (
    <Dialog open={open} onOpenChange={onOpenChange} title="Save as template" description="Reuse this design for new campaigns and bulk batches. The logo and frame are saved with it.">
      <form onSubmit={onSubmit} noValidate className="space-y-4">
        {save.error && !fields.name && <Alert>{errorText(save.error)}</Alert>}
        <Field label="Template name" error={fields.name}>
          {(props) => <TextInput {...props} autoFocus required maxLength={200} value={name} onChange={(e) => setName(e.target.value)} placeholder="Spring campaign" />}
        </Field>
        <div className="flex justify-end gap-2">
          <Button onClick={() => onOpenChange(false)}>Cancel</Button>
          <Button type="submit" variant="primary" pending={save.isPending}>
            Save template
          </Button>
        </div>
      </form>
    </Dialog>
  );
}
