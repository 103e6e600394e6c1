// The designer's "Start from a template": copies a saved template's design into the form, and names
// the template while the design is still that template's (opened from Templates, or picked here).
import { useQuery } from '@tanstack/react-query';
import { templatesQuery } from '../api/templates.ts';
import type { DesignConfig } from '../api/types.ts';
import { Field, Select } from './ui/field.tsx';
import { toast } from './ui/toast.tsx';

/** A select of the account's templates, showing `value` (the template in use, or ''); nothing when the account has none. */
export function TemplatePicker({ value, onPick, disabled }: { value: string; onPick: (design: DesignConfig, templateId: string) => void; disabled?: boolean }) {
  const templates = useQuery(templatesQuery).data ?? [];
  if (templates.length === 0) return null;
  return (
    <Field label="Start from a template" hint="Copies the template's design into this campaign.">
      {(props) => (
        <Select
          {...props}
          value={templates.some((t) => t.id === value) ? value : ''}
          disabled={disabled}
          onChange={(e) => {
            const template = templates.find((t) => t.id === e.target.value);
            if (template) {
              onPick(structuredClone(template.design_config), template.id);
              toast(`Design of “${template.name}” applied`);
            }
          }}
        >
          <option value="" disabled={value !== ''}>
            Choose a template…
          </option>
          {templates.map((t) => (
            <option key={t.id} value={t.id}>
              {t.name}
            </option>
          ))}
        </Select>
      )}
    </Field>
  );
}
