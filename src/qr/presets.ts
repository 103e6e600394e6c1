// Named starting points for design_config; each passes lint without warnings.

/** Preset inputs in design_config form (snake_case), merged under the caller's overrides. */
export const PRESETS = {
  classic: { shapes: 'square', eyes: 'square', eye_pupils: 'square', color: '#000000', background: '#ffffff' },
  rounded: { shapes: 'rounded', eyes: 'rounded', eye_pupils: 'rounded', color: '#111827' },
  dots: { shapes: 'dots', eyes: 'circle', eye_pupils: 'circle', color: '#1f2937' },
  liquid: { shapes: 'liquid', eyes: 'extra-rounded', eye_pupils: 'circle', color: '#7e22ce' },
  ocean: {
    shapes: 'extra-rounded',
    eyes: 'extra-rounded',
    eye_pupils: 'rounded',
    gradient: {
      type: 'linear',
      rotation: 45,
      stops: [
        { offset: 0, color: '#0369a1' },
        { offset: 1, color: '#1e3a8a' },
      ],
    },
  },
  sunset: {
    shapes: 'classy-rounded',
    eyes: 'leaf',
    eye_pupils: 'rounded',
    gradient: {
      type: 'radial',
      stops: [
        { offset: 0, color: '#b91c1c' },
        { offset: 1, color: '#7c2d12' },
      ],
    },
  },
  classy: { shapes: 'classy', eyes: 'leaf', eye_pupils: 'square', color: '#1e3a8a' },
  // Faceted modules and a cut stone in a round setting; the diamond pupil needs a round frame.
  gem: { shapes: 'diamond', eyes: 'extra-rounded', eye_pupils: 'diamond', color: '#065f46' },
  stripes: { shapes: 'vertical-lines', eyes: 'rounded', eye_pupils: 'rounded', color: '#4c1d95' },
  'scan-me': {
    shapes: 'rounded',
    eyes: 'rounded',
    eye_pupils: 'rounded',
    color: '#0f172a',
    frame: { text: 'SCAN ME', color: '#0f172a', text_color: '#ffffff' },
  },
} as const satisfies Record<string, Record<string, unknown>>;

/** Name of a built-in preset. */
export type PresetName = keyof typeof PRESETS;

/** Names of all presets, for docs and error messages. */
export const PRESET_NAMES = Object.keys(PRESETS) as PresetName[];
