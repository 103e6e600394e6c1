// Resident memory of a benchmarked server, read from /proc (Linux), for the HTTP benchmarks.
import fs from 'node:fs';

/** Current and peak (VmHWM) resident memory of process `pid`, in MB; null where /proc cannot tell. */
export function memoryOf(pid: number): { rss: number; peak: number } | null {
  try {
    const status = fs.readFileSync(`/proc/${pid}/status`, 'utf8');
    const kb = (field: string) => Number(new RegExp(`${field}:\\s+(\\d+) kB`).exec(status)?.[1] ?? NaN);
    return { rss: kb('VmRSS') / 1024, peak: kb('VmHWM') / 1024 };
  } catch {
    return null;
  }
}
