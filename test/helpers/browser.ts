// Debian's Chromium for browser tests and screenshots, launched the one way the machine allows
// (no sandbox, no GPU, no background traffic), and a free port for a listening Tessera.
import fs from 'node:fs';
import net from 'node:net';
import { type Browser, chromium } from 'playwright-core';

export const CHROMIUM = '/usr/bin/chromium';
/** Whether the browser is installed here. */
export const chromiumAvailable = fs.existsSync(CHROMIUM);

/** Launches headless Chromium; `extraArgs` add switches (a fake camera, say). */
export function launchChromium(extraArgs: readonly string[] = []): Promise<Browser> {
  return chromium.launch({
    executablePath: CHROMIUM,
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync', ...extraArgs],
  });
}

/** A TCP port nothing listens on right now. */
export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as net.AddressInfo;
      server.close(() => resolve(port));
    });
  });
}
