// Report values as the scans page shows them: every "not named" reads alike, capitalised.
import { expect, it } from 'vitest';
import { valueLabel } from '../../web/src/analytics/labels.ts';

it('labels unnamed values the same way in every breakdown', () => {
  expect(valueLabel('browsers', 'other')).toBe('Other');
  expect(valueLabel('devices', 'other')).toBe('Other');
  expect(valueLabel('device-types', 'other')).toBe('Other');
  expect(valueLabel('device-types', 'mobile')).toBe('Phone');
  expect(valueLabel('browsers', 'Firefox')).toBe('Firefox');
  expect(valueLabel('countries', null)).toBe('Unknown');
});
