// How the page looks: three colours, an optional logo in place of the account's, a wide image
// above the title. Contrast is the owner's call; the colour fields only take #rrggbb.
import { Field, TextInput } from '../components/ui/field.tsx';
import { UrlInput } from '../components/ui/url-input.tsx';
import { ColorInput } from '../designer/inputs.tsx';
import type { Theme } from './draft.ts';

export function ThemeEditor({ theme, onChange, errors, disabled }: { theme: Theme; onChange: (theme: Theme) => void; errors: Record<string, string>; disabled?: boolean }) {
  const set = (next: Partial<Theme>) => onChange({ ...theme, ...next });
  return (
    <div className="space-y-5">
      <div className="grid gap-4 sm:grid-cols-3">
        <ColorInput
          label="Background"
          value={theme.background_color}
          disabled={disabled}
          field="theme/background_color"
          error={errors['theme/background_color']}
          onChange={(background_color) => set({ background_color })}
        />
        <ColorInput label="Text" value={theme.text_color} disabled={disabled} field="theme/text_color" error={errors['theme/text_color']} onChange={(text_color) => set({ text_color })} />
        <ColorInput
          label="Buttons and links"
          value={theme.accent_color}
          disabled={disabled}
          field="theme/accent_color"
          error={errors['theme/accent_color']}
          onChange={(accent_color) => set({ accent_color })}
        />
      </div>
      <div className="grid gap-4 sm:grid-cols-2">
        <Field label="Logo address" optional field="theme/logo_url" hint="Shown at the top instead of your account's logo or name." error={errors['theme/logo_url']}>
          {(props) => <UrlInput {...props} disabled={disabled} value={theme.logo_url ?? ''} onValueChange={(logo_url) => set({ logo_url })} placeholder="https://example.com/logo.svg" />}
        </Field>
        {(theme.logo_url ?? '').trim() !== '' && (
          <Field label="Logo description" optional field="theme/logo_alt" hint="Read out by screen readers in place of the logo." error={errors['theme/logo_alt']}>
            {(props) => <TextInput {...props} maxLength={500} disabled={disabled} value={theme.logo_alt} onChange={(e) => set({ logo_alt: e.target.value })} />}
          </Field>
        )}
        <Field label="Wide image above the title" optional field="theme/hero_image_url" hint="An image on the web (https://…)." error={errors['theme/hero_image_url']}>
          {(props) => (
            <UrlInput {...props} disabled={disabled} value={theme.hero_image_url ?? ''} onValueChange={(hero_image_url) => set({ hero_image_url })} placeholder="https://example.com/banner.jpg" />
          )}
        </Field>
        {(theme.hero_image_url ?? '').trim() !== '' && (
          <Field label="Image description" optional field="theme/hero_image_alt" hint="Read out by screen readers; leave empty if the image only decorates." error={errors['theme/hero_image_alt']}>
            {(props) => <TextInput {...props} maxLength={500} disabled={disabled} value={theme.hero_image_alt} onChange={(e) => set({ hero_image_alt: e.target.value })} />}
          </Field>
        )}
      </div>
    </div>
  );
}
