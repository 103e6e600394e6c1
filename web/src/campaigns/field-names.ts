// What the campaign form calls the fields the API names (`destination`, `design_config/margin`),
// so the list of problems above the form reads as the form does: "Destination must not be
// empty", "Design, quiet zone: must be at least 0", not "destination must not be empty".
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

const DESIGN: Record<string, string> = {
  color: 'code colour',
  background: 'background',
  eye_color: 'corner colour',
  margin: 'quiet zone',
  ecc: 'error correction',
  logo: 'logo',
  frame: 'caption frame',
  gradient: 'gradient',
  shapes: 'module shape',
  eyes: 'corner frames',
  eye_pupils: 'corner centres',
};

/** "Destination must not be empty" for (`destination`, "must not be empty"). */
export function describeProblem(field: string, message: string): string {
  const [top = '', ...rest] = field.split('/');
  if (top === 'design_config' && rest.length > 0) {
    const key = rest.join('/').split(/[/.[]/)[0] ?? '';
    return `Design, ${DESIGN[key] ?? key.replaceAll('_', ' ')}: ${message}`;
  }
  const label = FIELDS[top] ?? (top.charAt(0).toUpperCase() + top.slice(1)).replaceAll('_', ' ');
  return `${label} ${message}`;
}
