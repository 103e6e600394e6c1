import { Check, Copy } from 'lucide-react';
import { useState } from 'react';
import { Button, type ButtonProps } from './button.tsx';
import { copyText } from '../../lib/clipboard.ts';
import { toast } from './toast.tsx';

/** Copies `text` and says so. */
export function CopyButton({ text, label = 'Copy', copiedMessage = 'Copied to the clipboard', ...rest }: { text: string; label?: string; copiedMessage?: string } & Omit<ButtonProps, 'onClick'>) {
  const [copied, setCopied] = useState(false);
  return (
    <Button
      {...rest}
      onClick={async () => {
        await copyText(text);
        setCopied(true);
        toast(copiedMessage);
        setTimeout(() => setCopied(false), 1500);
      }}
    >
      {copied ? <Check aria-hidden="true" /> : <Copy aria-hidden="true" />}
      {label}
    </Button>
  );
}
