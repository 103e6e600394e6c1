// One wrk run for the HTTP benchmarks, optionally pinned to core 1 (the server has core 0).
import { spawn } from 'node:child_process';

/** What one run measured: requests/s, p99 in ms, requests made, and wrk's error line if any. */
export interface WrkResult {
  rps: number;
  p99: number;
  requests: number;
  errors: string | null;
}

/** Loads `url` with one wrk thread and `connections` connections for `duration` seconds (with a Lua `script` when given). */
export function runWrk(url: string, options: { duration: number; connections: number; pinned: boolean; script?: string }): Promise<WrkResult> {
  const args = ['-t1', `-c${options.connections}`, `-d${options.duration}s`, '--latency', ...(options.script ? ['-s', options.script] : []), url];
  const child = spawn(options.pinned ? 'taskset' : 'wrk', options.pinned ? ['-c', '1', 'wrk', ...args] : args, { stdio: ['ignore', 'pipe', 'inherit'] });
  let out = '';
  child.stdout.on('data', (chunk) => (out += chunk));
  return new Promise((resolve, reject) => {
    child.once('exit', (code) => {
      const rps = Number(/Requests\/sec:\s+([\d.]+)/.exec(out)?.[1]);
      const requests = Number(/(\d+) requests in/.exec(out)?.[1]);
      const p99 = /99%\s+([\d.]+)(us|ms|s)\b/.exec(out);
      if (code !== 0 || !Number.isFinite(rps) || !p99) return reject(new Error(`wrk failed (${code}): ${out}`));
      const scale = p99[2] === 'us' ? 0.001 : p99[2] === 's' ? 1000 : 1;
      resolve({ rps, p99: Number(p99[1]) * scale, requests, errors: /Socket errors:.*|Non-2xx or 3xx responses:.*/.exec(out)?.[0] ?? null });
    });
  });
}
