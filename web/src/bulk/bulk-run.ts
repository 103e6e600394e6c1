// One bulk run: check every row with the server (a dry run, so per-row errors show before
// anything is created), create all codes in one all-or-nothing request, then build the ZIP. One
// request is one batch (one `batch_id`, one name): the page takes at most 1,000 rows, the API's
// limit per request, so a run is never split.
import { TesseraApiError, unwrap } from '@tessera/client';
import { api } from '../api/client.ts';
import type { BulkRequest, Campaign } from '../api/types.ts';
import type { BulkRow } from './parse-rows.ts';
import { svgToPng } from './raster.ts';
import { ticketsCsv } from './tickets-csv.ts';
import { imageName, manifestCsv, zipBatch } from './zip-batch.ts';

/** What the person chose besides the rows. */
export interface BulkOptions {
  /** `morphing`: live tickets, an event's; no images, tickets.csv with their secret keys instead. */
  qrType: 'dynamic' | 'static' | 'morphing';
  /** A design document, or a template to take it from. */
  design: { design_config: Record<string, unknown> } | { template_id: string };
  format: 'svg' | 'png';
  pngSize: number;
  /** The batch's name, trimmed; null when none was typed (`batch_name` is then left out: the API refuses a blank one). */
  batchName: string | null;
}

/** Where a run is. */
export type BulkProgress = { phase: 'checking' } | { phase: 'creating'; total: number } | { phase: 'rendering'; done: number; total: number } | { phase: 'zipping'; total: number };

/** A row the server refused, and why. */
export interface RowError {
  index: number;
  message: string;
}

/** The server refused some rows: nothing was created. */
export class RowErrors extends Error {
  readonly rows: RowError[];
  readonly problem: TesseraApiError;
  constructor(rows: RowError[], problem: TesseraApiError) {
    super(problem.detail);
    this.rows = rows;
    this.problem = problem;
  }
}

function requestBody(rows: BulkRow[], options: BulkOptions, dryRun: boolean): BulkRequest {
  const names = rows.some((r) => r.name) ? rows.map((r) => r.name) : undefined;
  // The check asks for inline SVGs as the creation does: what a batch may hold counts them (a
  // template's logo too large for this many codes is refused by the check, not after it).
  return {
    urls: rows.map((r) => r.url),
    ...(names ? { names } : {}),
    ...(options.batchName ? { batch_name: options.batchName } : {}),
    qr_type: options.qrType,
    ...options.design,
    // A live ticket has no still image to inline.
    inline_svg: options.qrType !== 'morphing',
    dry_run: dryRun,
  };
}

// The API names bad entries `body/urls/{i}` or `body/names/{i}`; everything else stays a problem for the whole batch.
function rowErrorsOf(error: unknown): RowErrors | null {
  if (!(error instanceof TesseraApiError)) return null;
  const rows: RowError[] = [];
  for (const e of error.errors) {
    const match = /^body\/(urls|names)\/(\d+)$/.exec(e.field);
    if (match) rows.push({ index: Number(match[2]), message: match[1] === 'names' ? `name ${e.message}` : e.message });
  }
  return rows.length > 0 ? new RowErrors(rows, error) : null;
}

/** Asks the server to check every row without creating anything; throws RowErrors naming the bad ones. */
export async function checkRows(rows: BulkRow[], options: BulkOptions): Promise<number> {
  try {
    return (await unwrap(api.POST('/api/v1/qrs/bulk', { body: requestBody(rows, options, true) }))).count;
  } catch (error) {
    throw rowErrorsOf(error) ?? error;
  }
}

/** The finished run. */
export interface BulkOutcome {
  campaigns: Campaign[];
  /** The download: a ZIP of images and manifest.csv, or for live tickets tickets.csv. */
  file: Blob;
  live: boolean;
  batchId: string;
  /** The name the batch was created with, as the server stores it (trimmed), or null. */
  batchName: string | null;
}

/** Creates the codes (the Idempotency-Key makes a retry replay instead of creating twice) and packs the ZIP. */
export async function runBulk(rows: BulkRow[], options: BulkOptions, idempotencyKey: string, onProgress: (p: BulkProgress) => void): Promise<BulkOutcome> {
  onProgress({ phase: 'creating', total: rows.length });
  let result;
  try {
    result = await unwrap(api.POST('/api/v1/qrs/bulk', { body: requestBody(rows, options, false), headers: { 'idempotency-key': idempotencyKey } }));
  } catch (error) {
    throw rowErrorsOf(error) ?? error;
  }
  if (!('data' in result)) throw new Error('The server answered a creation with a dry run.');
  const campaigns = result.data;
  const named = { batchId: result.batch_id, batchName: options.batchName };
  if (options.qrType === 'morphing') return { campaigns, file: new Blob([ticketsCsv(campaigns)], { type: 'text/csv' }), live: true, ...named };
  const files: Array<{ name: string; data: Uint8Array | string }> = [];
  for (const [i, campaign] of campaigns.entries()) {
    if (!campaign.svg) throw new Error(`The server sent no image for ${campaign.short_code}.`);
    const data = options.format === 'svg' ? campaign.svg : await svgToPng(campaign.svg, options.pngSize);
    files.push({ name: imageName(i, campaign, options.format, campaigns.length), data });
    if (options.format === 'png') onProgress({ phase: 'rendering', done: i + 1, total: campaigns.length });
  }
  onProgress({ phase: 'zipping', total: campaigns.length });
  // Let the progress paint before the synchronous packing starts.
  await new Promise((resolve) => setTimeout(resolve, 0));
  const zip = zipBatch(files, manifestCsv(campaigns));
  return { campaigns, file: new Blob([zip as BlobPart], { type: 'application/zip' }), live: false, ...named };
}
