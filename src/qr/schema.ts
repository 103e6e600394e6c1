// JSON Schema of design_config for the HTTP layer's OpenAPI docs. Validation itself is
// parseDesign's job (it also gives the actionable messages); this only describes.

import { LOGO_MAX_SIDE } from './logo-source.ts';
import { ECC_LEVELS } from './capacity.ts';
import { DESIGN_LIMITS, EYES, EYE_PUPILS, GRADIENT_TYPES, SHAPES } from './design.ts';
import { PRESET_NAMES } from './presets.ts';

const color = { type: 'string', pattern: '^#([0-9a-fA-F]{3,4}|[0-9a-fA-F]{6}|[0-9a-fA-F]{8})$', description: '#rgb, #rgba, #rrggbb or #rrggbbaa' } as const;

/** JSON Schema (draft 2020-12 subset) describing design_config; `{}` is valid. */
export const DESIGN_CONFIG_SCHEMA = {
  type: 'object',
  description:
    'QR design. Every field is optional; omitted fields take the defaults (plain black on white, ECC M, margin 4). A key not listed here is refused (400 `design_invalid`, naming the key meant); a design stored before that rule comes back as stored.',
  properties: {
    preset: { type: 'string', enum: PRESET_NAMES, description: 'Start from a named preset; other fields override it.' },
    shapes: { type: 'string', enum: SHAPES, default: 'square', description: 'Data module shape.' },
    eyes: { type: 'string', enum: EYES, default: 'square', description: 'Finder frame shape.' },
    eye_pupils: { type: 'string', enum: EYE_PUPILS, default: 'square', description: 'Finder centre shape.' },
    color: { ...color, default: '#000000' },
    background: { anyOf: [color, { const: 'transparent' }], default: '#ffffff' },
    eye_color: { anyOf: [color, { type: 'null' }], default: null, description: 'Colour of eyes; defaults to the module paint.' },
    gradient: {
      anyOf: [
        { type: 'null' },
        {
          type: 'object',
          required: ['stops'],
          properties: {
            type: { type: 'string', enum: GRADIENT_TYPES, default: 'linear' },
            rotation: { type: 'number', minimum: -360, maximum: 360, default: 0, description: 'Degrees, clockwise from left→right (linear).' },
            stops: {
              type: 'array',
              minItems: DESIGN_LIMITS.gradientStops.min,
              maxItems: DESIGN_LIMITS.gradientStops.max,
              items: { type: 'object', required: ['color'], properties: { offset: { type: 'number', minimum: 0, maximum: 1 }, color } },
            },
            apply_to_eyes: { type: 'boolean', default: true },
          },
        },
      ],
    },
    margin: { type: 'integer', minimum: DESIGN_LIMITS.margin.min, maximum: DESIGN_LIMITS.margin.max, default: DESIGN_LIMITS.margin.default, description: 'Quiet zone in modules (lint refuses < 2).' },
    ecc: { type: 'string', enum: ECC_LEVELS, default: 'M', description: 'Raised to H automatically when a logo is present.' },
    logo: {
      anyOf: [
        { type: 'null' },
        { type: 'string', description: 'data: URI' },
        {
          type: 'object',
          required: ['src'],
          properties: {
            src: {
              type: 'string',
              maxLength: DESIGN_LIMITS.logoBytes,
              description: `data:image/png|jpeg|svg+xml URI; a PNG or JPEG (also one an SVG embeds) whole and at most ${LOGO_MAX_SIDE} pixels a side`,
            },
            size: { type: 'number', minimum: DESIGN_LIMITS.logoSize.min, maximum: DESIGN_LIMITS.logoSize.max, default: DESIGN_LIMITS.logoSize.default, description: 'Fraction of the code width.' },
          },
        },
      ],
    },
    frame: {
      description: 'A frame around the code with a caption under it: the text alone, an object, true for the default caption, an empty text for a border without a caption, or false/null for none.',
      anyOf: [
        { type: 'null' },
        { type: 'boolean' },
        { type: 'string', maxLength: DESIGN_LIMITS.frameText.maxLength },
        {
          type: 'object',
          properties: {
            text: { type: 'string', maxLength: DESIGN_LIMITS.frameText.maxLength, default: 'SCAN ME' },
            color,
            text_color: color,
          },
        },
      ],
    },
  },
  additionalProperties: true,
  examples: [{ preset: 'ocean', shapes: 'rounded', eyes: 'circle', color: '#0f172a', background: '#ffffff', margin: 4, frame: { text: 'SCAN ME' } }],
} as const;
