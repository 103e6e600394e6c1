// A saved campaign's image downloads: SVG or PNG at a chosen size, drawn by the server.
import { Download } from 'lucide-react';
import { useState } from 'react';
import { downloadCampaignImage, PNG_SIZES } from '../api/campaigns.ts';
import { errorText } from '../api/field-errors.ts';
import type { Campaign } from '../api/types.ts';
import { Button } from './ui/button.tsx';
import { Select } from './ui/field.tsx';
import { toastError } from './ui/toast.tsx';

/** The SVG and PNG buttons under the preview. */
export function Downloads({ campaign }: { campaign: Campaign }) {
  const [size, setSize] = useState<number>(1024);
  const [busy, setBusy] = useState<'svg' | 'png' | null>(null);
  const get = async (format: 'svg' | 'png') => {
    setBusy(format);
    try {
      await downloadCampaignImage(campaign, format, size);
    } catch (error) {
      toastError(`Download failed: ${errorText(error)}`);
    } finally {
      setBusy(null);
    }
  };
  return (
    <div className="mt-4 flex flex-wrap items-center gap-2 border-t border-zinc-200 pt-4 dark:border-zinc-800">
      <label htmlFor="image-size" className="sr-only">
        Image size
      </label>
      <div className="w-28">
        <Select id="image-size" value={size} onChange={(e) => setSize(Number(e.target.value))} className="h-8 text-[13px]">
          {PNG_SIZES.map((s) => (
            <option key={s} value={s}>
              {s} px
            </option>
          ))}
        </Select>
      </div>
      <Button size="sm" pending={busy === 'svg'} onClick={() => void get('svg')}>
        <Download aria-hidden="true" />
        SVG
      </Button>
      <Button size="sm" pending={busy === 'png'} onClick={() => void get('png')}>
        <Download aria-hidden="true" />
        PNG
      </Button>
    </div>
  );
}
