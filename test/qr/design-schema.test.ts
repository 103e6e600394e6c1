// The documented design_config schema must describe everything the engine accepts: a stored
// design is echoed back in responses, and a value the parser takes but the schema forbids makes
// the response contradict the OpenAPI document (the fuzz sweep once found `frame: true`).
import { Ajv } from 'ajv';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { DESIGN_CONFIG_SCHEMA, parseDesign } from '../../src/qr/index.ts';

const PNG_DOT = 'data:image/png;base64,iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==';

// Values of every JSON type, including the engine's shorthands, for any field.
const anyValue = fc.oneof(
  fc.constantFrom(null, true, false, 0, 1, 2, 4, 0.5, -1, '', 'SCAN ME', 'transparent', '#000', '#0f172a', '#0f172a80', 'red', 'H', 'rounded', 'circle', 'ocean', PNG_DOT),
  fc.constantFrom(
    {},
    { text: 'Hi' },
    { text: 'Hi', color: '#111', text_color: '#fff' },
    { src: PNG_DOT, size: 0.2 },
    { stops: [{ color: '#000' }, { color: '#333' }] },
    {
      type: 'radial',
      stops: [
        { offset: 0, color: '#000' },
        { offset: 1, color: '#222' },
      ],
      apply_to_eyes: false,
    },
  ),
);
const KEYS = ['preset', 'shapes', 'eyes', 'eye_pupils', 'color', 'background', 'gradient', 'eye_color', 'margin', 'ecc', 'logo', 'frame'] as const;

describe('DESIGN_CONFIG_SCHEMA', () => {
  const validate = new Ajv({ strict: false, allErrors: true }).compile(DESIGN_CONFIG_SCHEMA);

  it('accepts every design_config the engine accepts', () => {
    let accepted = 0;
    fc.assert(
      fc.property(fc.dictionary(fc.constantFrom(...KEYS), anyValue, { maxKeys: 5 }), (config) => {
        try {
          parseDesign(config);
        } catch {
          return; // refused by the engine: the schema may say anything
        }
        accepted += 1;
        expect(validate(config), `${JSON.stringify(config)}: ${JSON.stringify(validate.errors)}`).toBe(true);
      }),
      { numRuns: 3000, seed: 20261202 },
    );
    expect(accepted).toBeGreaterThan(100);
  });

  it('documents the frame shorthands', () => {
    for (const frame of [true, false, null, 'SCAN ME', { text: 'Hi' }, '', { text: '' }]) {
      expect(() => parseDesign({ frame })).not.toThrow();
      expect(validate({ frame })).toBe(true);
    }
  });
});
