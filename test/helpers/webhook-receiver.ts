// A real HTTP receiver on 127.0.0.1 for webhook tests: records every request and answers
// with whatever the test scripts (default 200), and verifies deliveries with the
// `standardwebhooks` package at a given instant (the app's clock, not the wall clock).
import http, { type IncomingHttpHeaders } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Webhook } from 'standardwebhooks';
import { vi } from 'vitest';

/** One request the receiver got. */
export interface ReceivedWebhook {
  headers: IncomingHttpHeaders;
  body: string;
  path: string;
}

/** What the receiver answers. */
export interface ScriptedResponse {
  status: number;
  headers?: Record<string, string>;
  body?: string;
  /** Never answer (to exercise timeouts / crashes). */
  hang?: boolean;
}

/** A running receiver. */
export interface Receiver {
  url: string;
  received: ReceivedWebhook[];
  /** Answers for the next requests, in order; afterwards `fallback`. */
  script: ScriptedResponse[];
  fallback: ScriptedResponse;
  /** Resolves once `count` requests have arrived. */
  waitFor(count: number): Promise<void>;
  /** Cuts every open connection (a hanging request's sender sees a reset). */
  dropConnections(): void;
  close(): Promise<void>;
}

/** Starts a receiver on 127.0.0.1, port 0. */
export async function startReceiver(): Promise<Receiver> {
  const waiters: Array<{ count: number; resolve: () => void }> = [];
  const receiver: Receiver = {
    url: '',
    received: [],
    script: [],
    fallback: { status: 200, body: 'ok' },
    waitFor: (count) => (receiver.received.length >= count ? Promise.resolve() : new Promise((resolve) => waiters.push({ count, resolve }))),
    dropConnections: () => server.closeAllConnections(),
    close: async () => {},
  };
  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      receiver.received.push({ headers: req.headers, body: Buffer.concat(chunks).toString('utf8'), path: req.url ?? '/' });
      for (const w of waiters.filter((w) => receiver.received.length >= w.count)) w.resolve();
      const answer = receiver.script.shift() ?? receiver.fallback;
      if (answer.hang) return;
      res.writeHead(answer.status, answer.headers);
      res.end(answer.body ?? '');
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  receiver.url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  receiver.close = () =>
    new Promise<void>((resolve) => {
      server.closeAllConnections();
      server.close(() => resolve());
    });
  return receiver;
}

/** Verifies a received webhook with the standardwebhooks package as if the wall clock read `nowMs`. Throws when it does not verify. */
export function verifyAt(secret: string, webhook: ReceivedWebhook, nowMs: number): unknown {
  vi.useFakeTimers({ toFake: ['Date'], now: nowMs });
  try {
    return new Webhook(secret).verify(webhook.body, webhook.headers as Record<string, string>);
  } finally {
    vi.useRealTimers();
  }
}
