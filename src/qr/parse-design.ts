// Entry point for untrusted design_config: presets first, then the caller's overrides.

import { DEFAULT_DESIGN, resolveDesign } from './design.ts';
import type { Design, QrWarning, ResolveOptions } from './design.ts';
import { QrDesignError } from './errors.ts';
import { PRESETS, PRESET_NAMES } from './presets.ts';
import type { PresetName } from './presets.ts';

function presetBase(name: unknown): Design {
  if (typeof name !== 'string' || !Object.hasOwn(PRESETS, name)) {
    const message = `preset must be one of: ${PRESET_NAMES.join(', ')}; got ${JSON.stringify(name)}`;
    throw new QrDesignError('design_invalid', message, [{ field: 'preset', message }]);
  }
  return resolveDesign(PRESETS[name as PresetName], DEFAULT_DESIGN).design;
}

/** Validates a design_config (an optional `preset` key picks the base); throws QrDesignError listing allowed values. */
export function parseDesign(input: unknown, options: ResolveOptions = {}): { design: Design; warnings: QrWarning[] } {
  const preset = typeof input === 'object' && input !== null ? (input as Record<string, unknown>).preset : undefined;
  return resolveDesign(input, preset === undefined ? DEFAULT_DESIGN : presetBase(preset), options);
}

/** A preset with overrides applied on top (same rules as a design_config with `preset`). */
export function applyPreset(name: PresetName | string, overrides: Record<string, unknown> = {}): { design: Design; warnings: QrWarning[] } {
  return resolveDesign(overrides, presetBase(name));
}
