// Shows a developer-facing text (an event description) with its `backtick` spans as <code>; see
// lib/inline-code.ts. Plain parts are text nodes, so nothing in the text becomes HTML.
import { inlineCodeParts } from '../lib/inline-code.ts';

/** `text` with its backtick spans shown as inline code. */
export function InlineCode({ text }: { text: string }) {
  return (
    <>
      {inlineCodeParts(text).map((part, i) =>
        part.code ? (
          // biome-ignore lint/suspicious/noArrayIndexKey: the parts of one fixed text, never reordered
          <code key={i} className="rounded bg-zinc-100 px-1 font-mono text-[0.95em] text-zinc-700 dark:bg-zinc-800 dark:text-zinc-300">
            {part.text}
          </code>
        ) : (
          // biome-ignore lint/suspicious/noArrayIndexKey: the parts of one fixed text, never reordered
          <span key={i}>{part.text}</span>
        ),
      )}
    </>
  );
}
