// An address field: the URL keyboard on phones, and https:// put in front of a bare host name
// ("example.com/menu") when the field is left, as people type addresses the way browsers let them.
import type { InputHTMLAttributes } from 'react';
import { withScheme } from '../../lib/url.ts';
import { TextInput } from './field.tsx';

type Props = Omit<InputHTMLAttributes<HTMLInputElement>, 'value' | 'onChange' | 'type' | 'inputMode'> & { value: string; onValueChange: (value: string) => void };

export function UrlInput({ value, onValueChange, onBlur, ...rest }: Props) {
  return (
    <TextInput
      {...rest}
      type="url"
      inputMode="url"
      value={value}
      onChange={(e) => onValueChange(e.target.value)}
      onBlur={(e) => {
        // Only a change is a change: leaving the field must not count as an edit (forms put a
        // refused save's errors away on every edit).
        const completed = withScheme(value);
        if (completed !== value) onValueChange(completed);
        onBlur?.(e);
      }}
    />
  );
}
