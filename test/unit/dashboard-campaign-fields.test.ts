// The campaign form's list of problems names fields as the form labels them, not as the API does,
// and so do the messages themselves when they mention another field ("… later than active_from").
import { describe, expect, it } from 'vitest';
import { AppError } from '../../src/errors.ts';
import { assertScheduleOrder } from '../../src/modules/campaigns/schedule.ts';
import { withFieldLabels } from '../../web/src/api/field-errors.ts';
import { campaignMessage, describeProblem, designMessage } from '../../web/src/campaigns/field-names.ts';
import { drawPreview } from '../../web/src/designer/engine.ts';

/** The field and message of the one field error a server check throws. */
function refusal(check: () => void): [field: string, message: string] {
  try {
    check();
  } catch (error) {
    if (error instanceof AppError && error.errors?.[0]) return [error.errors[0].field.replace(/^body\//, ''), error.errors[0].message];
    throw error;
  }
  throw new Error('the check passed');
}

it('names a refused field by its label, design fields by their control', () => {
  expect(describeProblem('name', 'must not be blank')).toBe('Name must not be blank');
  expect(describeProblem('destination', 'must be an absolute URL (https://…)')).toBe('Destination must be an absolute URL (https://…)');
  expect(describeProblem('active_until', 'must be after the start')).toBe('Ends must be after the start');
  expect(describeProblem('design_config/margin', 'must be at least 0')).toBe('Design, quiet zone: must be at least 0');
  expect(describeProblem('design_config/color', 'contrast too low')).toBe('Design, code colour: contrast too low');
  expect(describeProblem('design_config/gradient.stops[1].color', 'must be a colour')).toBe('Design, end colour: must be a colour');
  expect(describeProblem('design_config/gradient.stops[2].color', 'must be a colour')).toBe('Design, gradient: must be a colour');
  // A field the form has no label for still reads as words.
  expect(describeProblem('design_config/future_option', 'is not known')).toBe('Design, future option: is not known');
  expect(describeProblem('hosted_page', 'is invalid')).toBe('Hosted page is invalid');
});

describe('API field names inside messages', () => {
  it("say the server's own schedule refusal with both labels (summary and field)", () => {
    const [field, message] = refusal(() => assertScheduleOrder({ activeFrom: Date.parse('2027-03-02T00:00:00Z'), activeUntil: Date.parse('2027-03-01T00:00:00Z') }));
    expect([field, message]).toEqual(['active_until', 'must be later than active_from']);
    expect(describeProblem(field, message)).toBe('Ends must be later than Starts');
    expect(campaignMessage(message)).toBe('must be later than Starts');
  });

  it('replace whole names only, and leave plain words and unknown names alone', () => {
    const labels = { active_from: 'Starts', active_until: 'Ends', 'gradient.stops': 'gradient colours', max: 'highest number' };
    expect(withFieldLabels('must be later than active_from.', labels)).toBe('must be later than Starts.');
    expect(withFieldLabels('active_until must follow active_from', labels)).toBe('Ends must follow Starts');
    expect(withFieldLabels('must not be greater than max', labels)).toBe('must not be greater than highest number');
    // Parts of longer names, paths and words are not names.
    expect(withFieldLabels('reactive_from and active_fromage stay', labels)).toBe('reactive_from and active_fromage stay');
    expect(withFieldLabels('design_config/active_from and x.active_from stay', labels)).toBe('design_config/active_from and x.active_from stay');
    expect(withFieldLabels('gradient.stops[1].color is a path; gradient.stops is a name', labels)).toBe('gradient.stops[1].color is a path; gradient colours is a name');
    expect(withFieldLabels('at most 5 maximum items', labels)).toBe('at most 5 maximum items');
    expect(withFieldLabels('nothing to replace', {})).toBe('nothing to replace');
    // The campaign form leaves the names that are words as they are.
    expect(campaignMessage('the destination and name of qr_type and template_id')).toBe('the destination and name of Type of code and Template');
  });

  it("say the designer's refusals with the control's label, not the value's path", () => {
    for (const [design, path, label] of [
      [{ eye_color: '#12' }, 'eye_color', 'Corner colour'],
      [{ color: 'red' }, 'color', 'Code colour'],
      [{ frame: { text: 'Scan', text_color: 'zz' } }, 'frame.text_color', 'Caption colour'],
      [
        {
          gradient: {
            type: 'linear',
            stops: [
              { offset: 0, color: '#000' },
              { offset: 1, color: 'x' },
            ],
          },
        },
        'gradient.stops[1].color',
        'End colour',
      ],
    ] as const) {
      const issue = drawPreview('https://example.com/', design as never).errors[0]!;
      expect(issue.field).toBe(path);
      expect(issue.message.startsWith(`${path} must be a colour`)).toBe(true);
      expect(designMessage(path, issue.message)).toMatch(new RegExp(`^${label} must be a colour as #rgb`));
      expect(describeProblem(`design_config/${path}`, issue.message)).toMatch(new RegExp(`^Design, ${label.toLowerCase()}: must be a colour as #rgb`));
    }
    // A message that does not start with its path is only put in words.
    expect(designMessage('logo', 'covers too much of the code')).toBe('covers too much of the code');
    // A logo too large for the code's version names the size, the slider's label.
    expect(describeProblem('design_config/logo.size', 'logo.size 0.3 hides too much of this version-4 code')).toBe('Design, logo size: 0.3 hides too much of this version-4 code');
  });
});
