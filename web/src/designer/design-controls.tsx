// The designer's controls. Each change edits the design document at once; the preview redraws
// from it with the engine, with no server round trip. Displayed values are the engine's own
// resolution of the document (parseDesign), so presets and defaults show as they will render.
import { useMemo, useRef, useState } from 'react';
import { ImagePlus, Trash2 } from 'lucide-react';
import type { DesignConfig } from '../api/types.ts';
import type { FieldMessages } from '../api/field-errors.ts';
import { designMessage } from '../campaigns/field-names.ts';
import { Button } from '../components/ui/button.tsx';
import { cn } from '../components/ui/cn.ts';
import { parseDesign } from '../../../src/qr/index.ts';
import type { Design } from '../../../src/qr/index.ts';
import { DESIGN_LIMITS, ECC_LEVELS, EYE_PUPILS, EYES, PRESET_NAMES, PRESETS, SHAPES, drawPreview, type PresetName } from './engine.ts';
import { ChipGroup, ColorInput, Section, Slider, Toggle } from './inputs.tsx';
import { LOGO_TYPES, logoDataUri } from './logo.ts';

const words = (value: string) => value.charAt(0).toUpperCase() + value.slice(1).replaceAll('-', ' ');
/** Error correction levels in words (the screens never say "ECC H"). */
export const ECC_NAMES = { L: 'Low', M: 'Medium', Q: 'Quartile', H: 'High' } as const;
const ECC_LABELS = { L: `${ECC_NAMES.L} · 7%`, M: `${ECC_NAMES.M} · 15%`, Q: `${ECC_NAMES.Q} · 25%`, H: `${ECC_NAMES.H} · 30%` } as const;
const PRESET_SAMPLE = 'https://tessera.example/preset';

/** The design as the engine resolves it, or the last one that resolved while a value is being typed. */
function useResolved(design: DesignConfig): Design {
  const last = useRef<Design | null>(null);
  return useMemo(() => {
    try {
      last.current = parseDesign(design).design;
    } catch {
      // An invalid value is shown as typed, with the engine's message under its field.
    }
    return last.current ?? parseDesign({}).design;
  }, [design]);
}

function PresetPicker({ onPick, disabled }: { onPick: (name: PresetName) => void; disabled?: boolean }) {
  // Drawn once: small previews of each preset with the engine itself.
  const thumbs = useMemo(() => Object.fromEntries(PRESET_NAMES.map((name) => [name, drawPreview(PRESET_SAMPLE, { preset: name }).svg])), []);
  return (
    <fieldset disabled={disabled}>
      <legend className="mb-2 text-[13px] font-medium text-zinc-800 dark:text-zinc-200">Start from a preset</legend>
      <div className="grid grid-cols-5 gap-2">
        {PRESET_NAMES.map((name) => (
          <button
            key={name}
            type="button"
            onClick={() => onPick(name)}
            className="group flex flex-col items-center gap-1 rounded-lg border border-zinc-200 bg-white p-1.5 text-[11px] text-zinc-600 hover:border-accent hover:text-zinc-900 dark:border-zinc-700 dark:bg-zinc-900 dark:text-zinc-400"
          >
            {thumbs[name] && <img alt="" src={`data:image/svg+xml;charset=utf-8,${encodeURIComponent(thumbs[name])}`} className="aspect-square w-full rounded bg-white" />}
            <span className="truncate">{words(name)}</span>
          </button>
        ))}
      </div>
    </fieldset>
  );
}

function LogoControl({ design, resolved, onChange, error, disabled }: { design: DesignConfig; resolved: Design; onChange: (d: DesignConfig) => void; error?: string; disabled?: boolean }) {
  const input = useRef<HTMLInputElement>(null);
  const [problem, setProblem] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const logo = resolved.logo;
  const pick = async (file: File | undefined) => {
    if (!file) return;
    setBusy(true);
    setProblem(null);
    try {
      onChange({ ...design, logo: { src: await logoDataUri(file), size: logo?.size ?? DESIGN_LIMITS.logoSize.default } });
    } catch (e) {
      setProblem((e as Error).message);
    } finally {
      setBusy(false);
      if (input.current) input.current.value = '';
    }
  };
  const message = problem ?? error;
  return (
    <div className="space-y-4">
      <div className="flex items-center gap-3">
        <div
          className={cn(
            'flex size-14 shrink-0 items-center justify-center overflow-hidden rounded-lg border bg-white',
            logo ? 'border-zinc-200' : 'border-dashed border-zinc-300 dark:border-zinc-700 dark:bg-zinc-900',
          )}
        >
          {logo ? <img src={logo.src} alt="Current logo" className="size-full object-contain p-1" /> : <ImagePlus aria-hidden="true" className="size-5 text-zinc-400" />}
        </div>
        <div className="flex flex-wrap gap-2">
          <input
            ref={input}
            id="logo-file"
            type="file"
            aria-label="Logo image file"
            tabIndex={-1}
            accept={LOGO_TYPES.join(',')}
            className="sr-only"
            disabled={disabled}
            aria-describedby={message ? 'logo-error' : 'logo-hint'}
            onChange={(e) => void pick(e.target.files?.[0])}
          />
          <Button size="sm" pending={busy} disabled={disabled} onClick={() => input.current?.click()}>
            {logo ? 'Replace logo' : 'Upload logo'}
          </Button>
          {logo && (
            <Button size="sm" variant="ghost" disabled={disabled} onClick={() => onChange({ ...design, logo: null })}>
              <Trash2 aria-hidden="true" />
              Remove
            </Button>
          )}
        </div>
      </div>
      {message ? (
        <p id="logo-error" className="text-[13px] text-red-700 dark:text-red-400">
          {message}
        </p>
      ) : (
        <p id="logo-hint" className="text-[13px] text-zinc-500 dark:text-zinc-400">
          PNG, JPEG or SVG. Large images are made smaller here before saving; a logo switches error correction to High.
        </p>
      )}
      {logo && (
        <Slider
          label="Logo size"
          value={Math.round(logo.size * 100)}
          min={DESIGN_LIMITS.logoSize.min * 100}
          max={DESIGN_LIMITS.logoSize.max * 100}
          disabled={disabled}
          format={(v) => `${v}% of the width`}
          onChange={(v) => onChange({ ...design, logo: { src: logo.src, size: v / 100 } })}
        />
      )}
    </div>
  );
}

/** Every design control, editing `design` through `onChange`. */
export function DesignControls({ design, onChange, errors = {}, disabled }: { design: DesignConfig; onChange: (design: DesignConfig) => void; errors?: FieldMessages; disabled?: boolean }) {
  const resolved = useResolved(design);
  const set = (patch: DesignConfig) => onChange({ ...design, ...patch });
  // The engine's messages start with the value's path ("eye_color must be…"): said with the control's label.
  const err = (field: string) => {
    const message = errors[`design_config/${field}`] ?? errors[field];
    return message === undefined ? undefined : designMessage(field, message);
  };
  const gradient = resolved.gradient;
  const frame = resolved.frame;
  const stops = gradient?.stops ?? [];
  return (
    <div>
      <Section title="Style">
        <PresetPicker disabled={disabled} onPick={(name) => onChange({ ...structuredClone(PRESETS[name]), logo: design.logo ?? null })} />
        <ChipGroup label="Module shape" value={resolved.shapes} options={SHAPES} render={words} onChange={(shapes) => set({ shapes })} disabled={disabled} />
        <ChipGroup label="Corner frames" value={resolved.eyes} options={EYES} render={words} onChange={(eyes) => set({ eyes })} disabled={disabled} />
        <ChipGroup label="Corner centres" value={resolved.eye_pupils} options={EYE_PUPILS} render={words} onChange={(eye_pupils) => set({ eye_pupils })} disabled={disabled} />
      </Section>

      <Section title="Colours">
        <div className="grid gap-4 sm:grid-cols-2">
          {!gradient && (
            <ColorInput label="Code colour" value={String(design.color ?? resolved.color)} field="design_config/color" error={err('color')} disabled={disabled} onChange={(color) => set({ color })} />
          )}
          {resolved.background !== 'transparent' && (
            <ColorInput
              label="Background"
              value={String(design.background ?? resolved.background)}
              field="design_config/background"
              error={err('background')}
              disabled={disabled}
              onChange={(background) => set({ background })}
            />
          )}
        </div>
        <Toggle
          label="Transparent background"
          hint="For printing on a light, plain surface."
          checked={resolved.background === 'transparent'}
          disabled={disabled}
          onChange={(on) => set({ background: on ? 'transparent' : '#ffffff' })}
        />
        <Toggle
          label="Gradient"
          checked={gradient !== null}
          disabled={disabled}
          onChange={(on) =>
            set({
              gradient: on
                ? {
                    type: 'linear',
                    rotation: 45,
                    stops: [
                      { offset: 0, color: resolved.color },
                      { offset: 1, color: '#7c3aed' },
                    ],
                  }
                : null,
            })
          }
        />
        {gradient && (
          <div className="space-y-4 rounded-lg border border-zinc-200 p-4 dark:border-zinc-800">
            <ChipGroup
              label="Gradient type"
              value={gradient.type}
              options={['linear', 'radial'] as const}
              render={words}
              disabled={disabled}
              onChange={(type) => set({ gradient: { ...gradient, type } })}
            />
            <div className="grid gap-4 sm:grid-cols-2">
              {stops.slice(0, 2).map((stop, i) => (
                <ColorInput
                  key={i}
                  label={i === 0 ? 'Start colour' : 'End colour'}
                  value={stop.color}
                  field={`design_config/gradient.stops[${i}].color`}
                  error={err(`gradient.stops[${i}].color`)}
                  disabled={disabled}
                  onChange={(color) => set({ gradient: { ...gradient, stops: stops.map((s, j) => (j === i ? { ...s, color } : s)) } })}
                />
              ))}
            </div>
            {gradient.type === 'linear' && (
              <Slider
                label="Angle"
                value={gradient.rotation}
                min={0}
                max={360}
                step={15}
                format={(v) => `${v}°`}
                disabled={disabled}
                onChange={(rotation) => set({ gradient: { ...gradient, rotation } })}
              />
            )}
          </div>
        )}
        <Toggle label="Different colour for the corners" checked={resolved.eye_color !== null} disabled={disabled} onChange={(on) => set({ eye_color: on ? '#5b21b6' : null })} />
        {resolved.eye_color !== null && (
          <ColorInput
            label="Corner colour"
            value={String(design.eye_color ?? resolved.eye_color)}
            field="design_config/eye_color"
            error={err('eye_color')}
            disabled={disabled}
            onChange={(eye_color) => set({ eye_color })}
          />
        )}
      </Section>

      <Section title="Logo">
        <LogoControl design={design} resolved={resolved} onChange={onChange} error={err('logo.src') ?? err('logo.size') ?? err('logo')} disabled={disabled} />
      </Section>

      <Section title="Frame">
        <Toggle label="Add a frame" checked={frame !== null} disabled={disabled} onChange={(on) => set({ frame: on ? { text: '' } : null })} />
        {frame && (
          <div className="space-y-4">
            <div>
              <label htmlFor="frame-text" className="mb-1.5 block text-[13px] font-medium text-zinc-800 dark:text-zinc-200">
                Caption <span className="font-normal text-zinc-500 dark:text-zinc-400">(optional)</span>
              </label>
              <input
                id="frame-text"
                value={frame.text}
                placeholder="SCAN ME"
                maxLength={DESIGN_LIMITS.frameText.maxLength}
                disabled={disabled}
                aria-describedby="frame-text-hint"
                onChange={(e) => set({ frame: { ...frame, text: e.target.value } })}
                className="h-9 w-full rounded-md border border-zinc-300 bg-white px-3 text-sm shadow-xs focus-visible:outline-2 focus-visible:outline-accent max-sm:h-11 dark:border-zinc-700 dark:bg-zinc-900"
              />
              <p id="frame-text-hint" className="mt-1 text-[13px] text-zinc-500 dark:text-zinc-400">
                One line under the code, up to {DESIGN_LIMITS.frameText.maxLength} characters; without one the frame is a border. Either way it helps scanners in web browsers find the code.
              </p>
            </div>
            <div className="grid gap-4 sm:grid-cols-2">
              <ColorInput
                label="Frame colour"
                value={frame.color}
                field="design_config/frame.color"
                error={err('frame.color')}
                disabled={disabled}
                onChange={(color) => set({ frame: { ...frame, color } })}
              />
              <ColorInput
                label="Caption colour"
                value={frame.text_color}
                field="design_config/frame.text_color"
                error={err('frame.text_color')}
                disabled={disabled}
                onChange={(text_color) => set({ frame: { ...frame, text_color } })}
              />
            </div>
          </div>
        )}
      </Section>

      <Section title="Scanning">
        <Slider
          label="Quiet zone (blank border)"
          value={resolved.margin}
          min={DESIGN_LIMITS.margin.min}
          max={DESIGN_LIMITS.margin.max}
          disabled={disabled}
          format={(v) => `${v} ${v === 1 ? 'module' : 'modules'}`}
          onChange={(margin) => set({ margin })}
        />
        <ChipGroup
          label="Error correction"
          value={resolved.ecc}
          options={ECC_LEVELS}
          render={(level) => ECC_LABELS[level]}
          disabled={disabled || resolved.logo !== null}
          onChange={(ecc) => set({ ecc })}
        />
        <p className="text-[13px] text-zinc-500 dark:text-zinc-400">
          {resolved.logo ? 'A logo always uses High, so the code survives the part the logo hides.' : 'Higher levels survive more damage and dirt, at the cost of a denser code.'}
        </p>
      </Section>
    </div>
  );
}
