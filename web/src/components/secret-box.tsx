import { CopyButton } from './ui/copy-button.tsx';

/** A secret shown once: monospace, with a copy button and the warning. */
export function SecretBox({ secret, label, copiedMessage = 'Key copied' }: { secret: string; label: string; copiedMessage?: string }) {
  return (
    <div className="space-y-2">
      <p className="text-[13px] font-medium">{label}</p>
      <div className="flex items-stretch gap-2">
        <code data-testid="secret" className="min-w-0 flex-1 rounded-md border border-zinc-200 bg-zinc-50 px-3 py-2 font-mono text-[13px] break-all dark:border-zinc-700 dark:bg-zinc-950">
          {secret}
        </code>
        <CopyButton text={secret} size="sm" className="self-start" copiedMessage={copiedMessage} />
      </div>
      <p className="text-[13px] font-medium text-amber-800 dark:text-amber-300">You will not see this again. Copy it now and keep it somewhere safe.</p>
    </div>
  );
}
