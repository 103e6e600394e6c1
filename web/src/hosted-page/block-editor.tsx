// The page's content: headings, text, images, links and buttons, in the order people see them.
import { Heading, Image, Link2, MousePointerClick, Pilcrow } from 'lucide-react';
import type { ReactNode } from 'react';
import { Button } from '../components/ui/button.tsx';
import { Field, Select, TextArea, TextInput } from '../components/ui/field.tsx';
import { UrlInput } from '../components/ui/url-input.tsx';
import { BLOCK_LABELS, type BlockDraft, type BlockType, blockNames, moved, newBlock } from './draft.ts';
import { EditableRow, useRowFocus } from './row-controls.tsx';

const ADD: { type: BlockType; icon: ReactNode }[] = [
  { type: 'heading', icon: <Heading aria-hidden="true" /> },
  { type: 'paragraph', icon: <Pilcrow aria-hidden="true" /> },
  { type: 'image', icon: <Image aria-hidden="true" /> },
  { type: 'link', icon: <Link2 aria-hidden="true" /> },
  { type: 'button', icon: <MousePointerClick aria-hidden="true" /> },
];

/** Errors of one block, by property (`text`, `url`…), from the page's errors (`blocks/2/url`). */
type ErrorsOf = (path: string) => string | undefined;
/** The page's names of a block's property (`blocks/2/url`), for the problem summary's links. */
type NamesOf = (path: string) => string;

function BlockFields({ block, set, error, field, disabled }: { block: BlockDraft; set: (next: Partial<BlockDraft>) => void; error: ErrorsOf; field: NamesOf; disabled?: boolean }) {
  const text = (label: string, multiline = false) => (
    <Field label={label} field={field('text')} error={error('text')}>
      {(props) =>
        multiline ? (
          <TextArea {...props} rows={4} maxLength={5000} disabled={disabled} value={block.text} onChange={(e) => set({ text: e.target.value })} />
        ) : (
          <TextInput {...props} maxLength={2000} disabled={disabled} value={block.text} onChange={(e) => set({ text: e.target.value })} />
        )
      }
    </Field>
  );
  const url = (label: string, hint?: string) => (
    <Field label={label} field={field('url')} hint={hint} error={error('url')}>
      {(props) => <UrlInput {...props} disabled={disabled} value={block.url} onValueChange={(value) => set({ url: value })} placeholder="https://example.com/" />}
    </Field>
  );
  switch (block.type) {
    case 'heading':
      return (
        <div className="grid gap-4 sm:grid-cols-[minmax(0,1fr)_10rem]">
          {text('Heading text')}
          <Field label="Size" field={field('level')} error={error('level')}>
            {(props) => (
              <Select {...props} disabled={disabled} value={block.level} onChange={(e) => set({ level: Number(e.target.value) as 1 | 2 | 3 })}>
                <option value={1}>Large</option>
                <option value={2}>Medium</option>
                <option value={3}>Small</option>
              </Select>
            )}
          </Field>
        </div>
      );
    case 'paragraph':
      return text('Text', true);
    case 'image':
      return (
        <>
          {url('Image address', 'An image on the web (https://…): JPEG, PNG, WebP or SVG.')}
          <Field label="Description" field={field('alt')} hint="Read out by screen readers and shown if the image cannot load." error={error('alt')}>
            {(props) => <TextInput {...props} maxLength={500} disabled={disabled} value={block.alt} onChange={(e) => set({ alt: e.target.value })} />}
          </Field>
        </>
      );
    default:
      return (
        <div className="grid gap-4 sm:grid-cols-2">
          {text(block.type === 'button' ? 'Button text' : 'Link text')}
          {url('Leads to')}
        </div>
      );
  }
}

export function BlockEditor({ blocks, onChange, errors, disabled }: { blocks: BlockDraft[]; onChange: (blocks: BlockDraft[]) => void; errors: Record<string, string>; disabled?: boolean }) {
  const update = (i: number, next: Partial<BlockDraft>) => onChange(blocks.map((b, j) => (j === i ? { ...b, ...next } : b)));
  const names = blockNames(blocks);
  const focus = useRowFocus<HTMLDivElement>();
  const add = (type: BlockType) => {
    const block = newBlock(type);
    onChange([...blocks, block]);
    focus.focusRow(block.key);
  };
  return (
    <div ref={focus.ref} className="space-y-4">
      {blocks.length === 0 ? (
        <p className="text-[13px] text-zinc-500 dark:text-zinc-400">Nothing under the title yet. Add a heading, some text, an image, a link or a button.</p>
      ) : (
        <ol className="space-y-3">
          {blocks.map((block, i) => {
            const name = names[i]!;
            return (
              <EditableRow
                key={block.key}
                rowKey={block.key}
                name={name}
                index={i}
                count={blocks.length}
                disabled={disabled}
                onMove={(by) => onChange(moved(blocks, i, by))}
                onRemove={() => {
                  onChange(blocks.filter((_, j) => j !== i));
                  focus.focusRow(blocks[i + 1]?.key ?? blocks[i - 1]?.key ?? null);
                }}
              >
                <BlockFields
                  block={block}
                  set={(next) => update(i, next)}
                  error={(property) => errors[`blocks/${i}/${property}`] ?? errors[`blocks/${i}`]}
                  field={(property) => `blocks/${i}/${property}`}
                  disabled={disabled}
                />
              </EditableRow>
            );
          })}
        </ol>
      )}
      {errors.blocks && <p className="text-[13px] text-red-700 dark:text-red-400">{errors.blocks}</p>}
      {!disabled && blocks.length < 50 && (
        <fieldset>
          <legend className="mb-2 text-[13px] font-medium text-zinc-800 dark:text-zinc-200">Add to the page</legend>
          <div className="flex flex-wrap gap-2">
            {ADD.map(({ type, icon }, i) => (
              <Button key={type} size="sm" data-row-fallback={i === 0 ? true : undefined} onClick={() => add(type)}>
                {icon}
                {BLOCK_LABELS[type]}
              </Button>
            ))}
          </div>
        </fieldset>
      )}
    </div>
  );
}
