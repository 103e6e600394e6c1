// Puts the API's problem+json `errors[]` next to the fields they name. The API names fields by
// where they sit in the request (`body/destination`, `body/design_config/margin`, `body/urls/3`,
// or as a JSON pointer, `/hosted_page/blocks/0/url`); forms name them without the `body/` prefix
// or the pointer's leading slash.
import { TesseraApiError } from '@tessera/client';

/** Messages by field (`destination`, `design_config/margin`, `urls/3`); the first message per field wins. */
export type FieldMessages = Record<string, string>;

/** The field messages of an error (empty for anything but a problem with `errors[]`). */
export function fieldMessages(error: unknown): FieldMessages {
  const out: FieldMessages = {};
  if (!(error instanceof TesseraApiError)) return out;
  for (const { field, message } of error.errors) {
    const name = field.replace(/^body\/?/, '').replace(/^\//, '');
    out[name] ??= message;
  }
  return out;
}

/** What a screen calls the API's fields, by the names a server message may mention them with. */
export type FieldLabels = Readonly<Record<string, string>>;

const escapeRegExp = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/**
 * The message with each API field name it mentions replaced by the label the screen shows:
 * "must be later than active_from" reads "must be later than Starts". Only whole names count
 * (`from` is not replaced inside `active_from`, nor `gradient` inside `gradient.stops` or
 * `design_config/margin`); a label that starts the message starts with a capital.
 */
export function withFieldLabels(message: string, labels: FieldLabels): string {
  const names = Object.keys(labels).sort((a, b) => b.length - a.length);
  if (names.length === 0) return message;
  const mention = new RegExp(`(?<![\\w./[])(?:${names.map(escapeRegExp).join('|')})(?![\\w/[]|\\.\\w)`, 'g');
  return message.replace(mention, (name, at: number) => {
    const label = labels[name] ?? name;
    return at === 0 ? label.charAt(0).toUpperCase() + label.slice(1) : label;
  });
}

/** One sentence for an error a person can act on (the problem's detail, or a plain fallback). */
export function errorText(error: unknown): string {
  if (error instanceof TesseraApiError) {
    if (error.status === 0) return 'Tessera could not be reached. Check your connection and try again.';
    if (error.status === 429) return 'Too many requests in a short time. Wait a minute and try again.';
    // The request id is something to quote to support; without one there is nothing to quote.
    if (error.status >= 500)
      return error.requestId ? `Something went wrong on the server. Try again; if it keeps happening, quote request ${error.requestId}.` : 'Something went wrong on the server. Try again in a moment.';
    return error.detail;
  }
  return error instanceof Error ? error.message : 'Something went wrong.';
}
