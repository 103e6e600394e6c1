// The campaign form's list of problems names fields as the form labels them, not as the API does.
import { expect, it } from 'vitest';
import { describeProblem } from '../../web/src/campaigns/field-names.ts';

it('names a refused field by its label, design fields by their control', () => {
  expect(describeProblem('name', 'must not be blank')).toBe('Name must not be blank');
  expect(describeProblem('destination', 'must be an absolute URL (https://…)')).toBe('Destination must be an absolute URL (https://…)');
  expect(describeProblem('active_until', 'must be after the start')).toBe('Ends must be after the start');
  expect(describeProblem('design_config/margin', 'must be at least 0')).toBe('Design, quiet zone: must be at least 0');
  expect(describeProblem('design_config/color', 'contrast too low')).toBe('Design, code colour: contrast too low');
  expect(describeProblem('design_config/gradient.stops[1].color', 'must be a colour')).toBe('Design, gradient: must be a colour');
  // A field the form has no label for still reads as words.
  expect(describeProblem('design_config/future_option', 'is not known')).toBe('Design, future option: is not known');
  expect(describeProblem('hosted_page', 'is invalid')).toBe('Hosted page is invalid');
});
