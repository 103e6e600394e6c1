// The ZIP a bulk run ends with: one image per code, in the order of the list, and manifest.csv
// (name, short code, public URL, destination) written with the server's own CSV cell rules, so
// names and links cannot run as spreadsheet formulas.
import { strToU8, zipSync, type Zippable } from 'fflate';
import { csvRow } from '../../../src/csv.ts';
import type { Campaign } from '../api/types.ts';
import { fileSafe } from '../lib/download.ts';

/** Columns of the manifest. */
export const MANIFEST_HEADER = ['name', 'short_code', 'public_url', 'destination'] as const;

/** The manifest CSV for created codes. */
export function manifestCsv(campaigns: ReadonlyArray<Pick<Campaign, 'name' | 'short_code' | 'public_url' | 'destination'>>): string {
  return csvRow([...MANIFEST_HEADER]) + campaigns.map((c) => csvRow([c.name, c.short_code, c.public_url, c.destination])).join('');
}

/** The file name of the n-th code's image (n from 0), sortable in list order. */
export function imageName(index: number, campaign: Pick<Campaign, 'name' | 'short_code'>, extension: 'svg' | 'png', total: number): string {
  const width = Math.max(3, String(total).length);
  return `${String(index + 1).padStart(width, '0')}-${Array.from(fileSafe(campaign.name)).slice(0, 40).join('')}-${campaign.short_code}.${extension}`;
}

/** Packs the images and the manifest. PNGs are stored (already compressed), text is deflated. */
export function zipBatch(files: Array<{ name: string; data: Uint8Array | string }>, manifest: string): Uint8Array {
  const entries: Zippable = {};
  for (const file of files) {
    entries[file.name] = typeof file.data === 'string' ? [strToU8(file.data), { level: 6 }] : [file.data, { level: 0 }];
  }
  entries['manifest.csv'] = [strToU8(manifest), { level: 6 }];
  return zipSync(entries);
}
