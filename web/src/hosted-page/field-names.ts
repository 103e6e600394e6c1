// What a person calls the field a server error names: the server's `blocks/1/url` is
// "Link 1: address" in the problem summary at the top of the page editor. A name inside a
// message is put in words too: "must not be greater than highest number", not "… than max".
import { type FieldLabels, withFieldLabels } from '../api/field-errors.ts';

const PROPERTY: Record<string, string> = {
  text: 'text',
  url: 'address',
  alt: 'description',
  level: 'size',
  label: 'question',
  name: 'stored name',
  type: 'answer type',
  options: 'choices',
  placeholder: 'example answer',
  help_text: 'help text',
  max_length: 'length limit',
  min: 'lowest number',
  max: 'highest number',
  submit_label: 'button text',
  success_message: 'thank-you message',
  next_url: 'address after sending',
  next_label: 'text of the button after sending',
  background_color: 'background colour',
  text_color: 'text colour',
  accent_color: 'colour of buttons and links',
  logo_url: 'logo address',
  logo_alt: 'logo description',
  hero_image_url: 'wide image address',
  hero_image_alt: 'wide image description',
  title: 'Title',
  language: 'Language',
  slug: 'Address',
  published: 'Published',
};

// The names a server message may mention: those that are no English word (`max_length`, `min`).
const MENTIONED: FieldLabels = {
  ...Object.fromEntries(Object.entries(PROPERTY).filter(([name]) => name.includes('_'))),
  min: 'lowest number',
  max: 'highest number',
  slug: 'Address',
};

/** A message of the page editor's API in the editor's words. */
export function pageMessage(message: string): string {
  // A form without questions: the server counts "fields"; the editor calls them questions and
  // offers "Add a question" right where this is shown.
  const count = /^a form needs 1 to (\d+) fields$/.exec(message);
  if (count) return `add at least one question (up to ${count[1]})`;
  return withFieldLabels(message, MENTIONED);
}

/** A field of the page document (`blocks/0/url`, `form/fields/2/options/1`, `slug`) in words; `blocks` are the editor's block names. */
export function describeField(field: string, blocks: readonly string[]): string {
  const parts = field.split('/');
  const prop = (name: string | undefined) => (name === undefined ? '' : (PROPERTY[name] ?? name.replaceAll('_', ' ')));
  if (parts[0] === 'blocks' && parts[1] !== undefined) return `${blocks[Number(parts[1])] ?? `Block ${Number(parts[1]) + 1}`}${parts[2] ? `: ${prop(parts[2])}` : ''}`;
  if (parts[0] === 'form' && parts[1] === 'fields' && parts[2] !== undefined) {
    const option = parts[3] === 'options' && parts[4] !== undefined ? ` ${Number(parts[4]) + 1}` : '';
    return `Question ${Number(parts[2]) + 1}${parts[3] ? `: ${prop(parts[3])}${option}` : ''}`;
  }
  // The list of questions itself: its message ("add at least one question") names it.
  if (parts[0] === 'form' && parts[1] === 'fields' && parts.length === 2) return 'Form:';
  if (parts[0] === 'form') return parts[1] ? `Form: ${prop(parts[1])}` : 'Form';
  if (parts[0] === 'theme') return parts[1] ? `Look: ${prop(parts[1])}` : 'Look';
  return prop(parts[0]) || 'The page';
}
