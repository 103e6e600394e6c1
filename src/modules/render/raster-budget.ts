// How many pixels are rasterised at once in this process. librsvg and libvips hold several
// bytes a pixel for every render in flight (the surface, libvips' buffers, the PNG encoder's
// rows): an audit sent 8 concurrent 4,096 px renders and took an instance from 116 MB to 517 MB,
// 24 anonymous item-QR renders to 1.2 GB, every one answered 200. Renders past the budget wait
// their turn in order; past a bound on what waits they are refused with a 503 and Retry-After,
// so a burst costs latency, never the memory an instance is sized for.
import { AppError } from '../../errors.ts';

/**
 * Pixels rasterised at once: one of the largest PNGs (4,096 px, a frame's caption included), or
 * twenty of 1,024 px. A 4,096 px render alone peaks at ~300 MB (librsvg's surface, libvips' copy,
 * the encoder): two at once took a burst of them to 680–800 MB, one to 420–570 MB.
 */
export const RASTER_PIXEL_BUDGET = 4096 * 4096 * 1.25;
/** Pixels that may wait for the budget before renders are refused (10 of the largest, 160 of 1,024 px): a few seconds of drawing. */
export const RASTER_QUEUE_PIXELS = 8 * RASTER_PIXEL_BUDGET;

/** A budget of pixels shared by the renders of one process. */
export class RasterBudget {
  private inUse = 0;
  private queued = 0;
  private readonly waiting: Array<{ pixels: number; start: () => void }> = [];

  private readonly budget: number;
  private readonly maxQueued: number;

  private readonly busyDetail: string;

  constructor(
    budget: number = RASTER_PIXEL_BUDGET,
    maxQueued: number = RASTER_QUEUE_PIXELS,
    busyDetail = 'This instance is drawing as many large images as it can hold in memory; retry in a few seconds, or ask for a smaller size.',
  ) {
    this.budget = budget;
    this.maxQueued = maxQueued;
    this.busyDetail = busyDetail;
  }

  /** Pixels being rasterised now, and waiting. */
  get load(): { inUse: number; queued: number } {
    return { inUse: this.inUse, queued: this.queued };
  }

  /**
   * Runs `render` once `pixels` fit the budget (at once when nothing else runs, however large);
   * throws a 503 `server_busy` when too much already waits.
   */
  async run<T>(pixels: number, render: () => Promise<T>): Promise<T> {
    if (this.waiting.length > 0 || (this.inUse > 0 && this.inUse + pixels > this.budget)) {
      if (this.queued + pixels > this.maxQueued) {
        throw new AppError('server_busy', this.busyDetail, {
          headers: { 'retry-after': '2' },
        });
      }
      this.queued += pixels;
      await new Promise<void>((start) => this.waiting.push({ pixels, start }));
    } else {
      this.inUse += pixels;
    }
    try {
      return await render();
    } finally {
      this.inUse -= pixels;
      this.startWaiting();
    }
  }

  // Starts waiting renders in order while they fit (the first one always, when nothing runs).
  private startWaiting(): void {
    while (this.waiting.length > 0) {
      const next = this.waiting[0]!;
      if (this.inUse > 0 && this.inUse + next.pixels > this.budget) return;
      this.waiting.shift();
      this.queued -= next.pixels;
      this.inUse += next.pixels;
      next.start();
    }
  }
}
