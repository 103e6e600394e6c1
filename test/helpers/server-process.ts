// A Tessera started as a real process on a port chosen beforehand (its environment names the
// port: PORT, TESSERA_METRICS_PORT, the public URL). Between choosing and the child's listen,
// another test's outgoing connection can take the port as its own local one (CI: EADDRINUSE):
// the child then exits saying so and is started again on another port, as startLiveApp does for
// in-process apps.
import type { ChildProcess } from 'node:child_process';
import { freePort } from './browser.ts';

/** A child that said it is ready, the port it was started on, and everything it has written. */
export interface ServerProcess {
  child: ChildProcess;
  port: number;
  output(): string;
}

export interface ServerProcessOptions {
  /** Starts the child on `port`; called again, with another port, when the port was taken. */
  spawn: (port: number) => ChildProcess;
  /** Whether the child's output (stdout and stderr) so far says it is ready. */
  ready: (output: string) => boolean;
  timeoutMs?: number;
}

// What `tessera serve`/`worker` say on EADDRINUSE (src/http/listen-failure.ts), or Node's own words.
const PORT_TAKEN = /the port is in use by another process|EADDRINUSE/;
const ATTEMPTS = 5;

export async function startServerProcess({ spawn, ready, timeoutMs = 60_000 }: ServerProcessOptions): Promise<ServerProcess> {
  for (let attempt = 1; ; attempt++) {
    const port = await freePort();
    const child = spawn(port);
    let out = '';
    let waiting = true;
    const outcome = await new Promise<'ready' | 'closed' | 'timeout'>((resolve) => {
      const timer = setTimeout(() => resolve('timeout'), timeoutMs);
      const onData = (d: Buffer) => {
        out += d;
        if (waiting && ready(out)) {
          waiting = false;
          clearTimeout(timer);
          resolve('ready');
        }
      };
      child.stdout!.on('data', onData);
      child.stderr!.on('data', onData);
      // 'close' rather than 'exit': by then all the child wrote has been read, its last words too.
      child.once('close', () => {
        clearTimeout(timer);
        resolve('closed');
      });
    });
    if (outcome === 'ready') return { child, port, output: () => out };
    if (outcome === 'timeout') child.kill('SIGKILL');
    else if (PORT_TAKEN.test(out) && attempt < ATTEMPTS) continue;
    throw new Error(`the server did not start (${outcome === 'timeout' ? `not ready in ${timeoutMs} ms` : `exit ${child.exitCode}`}, attempt ${attempt}, port ${port}):\n${out}`);
  }
}
