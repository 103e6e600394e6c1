// What the campaign form calls the fields the API names (`destination`, `design_config/margin`),
// so the list of problems above the form reads as the form does: "Destination must not be
// empty", "Design, quiet zone: must be at least 0", not "destination must not be empty". The
// same names inside a message are put in the form's words too: "Ends must be later than Starts",
// not "… later than active_from".
import { type FieldLabels, withFieldLabels } from '../api/field-errors.ts';

const FIELDS: Record<string, string> = {
  name: 'Name',
  destination: 'Destination',
  slug: 'Address',
  qr_type: 'Type of code',
  template_id: 'Template',
  active_from: 'Starts',
  active_until: 'Ends',
  design_config: 'Design',
};

// The names a server message may mention. Plain words among them (name, destination) are left
// alone: inside a sentence they already read as words.
const MENTIONED: FieldLabels = Object.fromEntries(Object.entries(FIELDS).filter(([name]) => name.includes('_') || name === 'slug'));

const DESIGN: Record<string, string> = {
  color: 'code colour',
  background: 'background',
  eye_color: 'corner colour',
  margin: 'quiet zone',
  ecc: 'error correction',
  logo: 'logo',
  frame: 'frame',
  gradient: 'gradient',
  shapes: 'module shape',
  eyes: 'corner frames',
  eye_pupils: 'corner centres',
};

// Design values the designer edits with a control of their own.
const DESIGN_PARTS: Record<string, string> = {
  'gradient.stops[0].color': 'start colour',
  'gradient.stops[1].color': 'end colour',
  'frame.text': 'caption',
  'frame.color': 'frame colour',
  'frame.text_color': 'caption colour',
  'logo.src': 'logo',
  'logo.size': 'logo size',
};

/** What the designer calls a design value (`eye_color`, `gradient.stops[1].color`), in lowercase. */
export function designLabel(path: string): string {
  const key = path.split(/[/.[]/)[0] ?? '';
  return DESIGN_PARTS[path] ?? DESIGN[key] ?? key.replaceAll('_', ' ');
}

/** A message of the campaign API in the form's words ("must be later than Starts"). */
export function campaignMessage(message: string): string {
  return withFieldLabels(message, MENTIONED);
}

/**
 * A design refusal in the designer's words. The engine starts its messages with the value's path
 * ("eye_color must be a colour…"): it becomes the control's label ("Corner colour must be a
 * colour…"), or goes with `withoutName` ("must be a colour…") where the label is said already.
 */
export function designMessage(path: string, message: string, { withoutName = false } = {}): string {
  if (!message.startsWith(`${path} `)) return campaignMessage(message);
  const rest = campaignMessage(message.slice(path.length + 1));
  if (withoutName) return rest;
  const label = designLabel(path);
  return `${label.charAt(0).toUpperCase()}${label.slice(1)} ${rest}`;
}

/** "Destination must not be empty" for (`destination`, "must not be empty"). */
export function describeProblem(field: string, message: string): string {
  const [top = '', ...rest] = field.split('/');
  if (top === 'design_config' && rest.length > 0) {
    const path = rest.join('/');
    return `Design, ${designLabel(path)}: ${designMessage(path, message, { withoutName: true })}`;
  }
  const label = FIELDS[top] ?? (top.charAt(0).toUpperCase() + top.slice(1)).replaceAll('_', ' ');
  return `${label} ${campaignMessage(message)}`;
}
