// POSTs one webhook to a vetted destination. It connects only to the addresses the SSRF guard
// approved (a custom lookup pins them, so DNS cannot change between check and connect), never
// follows redirects (a 3xx is a failed attempt, which also closes "redirect to 169.254.169.254"),
// gives up after 15 s, and keeps at most 1 KiB of the response body for the attempt log.
import http from 'node:http';
import https from 'node:https';
import type { LookupFunction } from 'node:net';
import type { ResolvedAddress } from './ssrf-guard.ts';

/** Delivery timeout: success is a 2xx within this time. */
export const DELIVERY_TIMEOUT_MS = 15_000;
/** How much of a response body the attempt log keeps. */
export const RESPONSE_BODY_LIMIT = 1024;

/** What the receiver answered. */
export interface SendResult {
  statusCode: number;
  retryAfter: string | undefined;
  /** First 1 KiB of the body, as text. */
  body: string;
}

function pinnedLookup(addresses: readonly ResolvedAddress[]): LookupFunction {
  return (_hostname, options, callback) => {
    const family = typeof options === 'object' && options.family ? options.family : 0;
    const usable = addresses.filter((a) => !family || a.family === family);
    const list = usable.length ? usable : addresses;
    if (typeof options === 'object' && options.all) (callback as (e: null, a: readonly ResolvedAddress[]) => void)(null, list);
    else callback(null, list[0]!.address, list[0]!.family);
  };
}

/** Sends `body` with `headers`; rejects on network errors and timeouts. */
export function postWebhook(url: URL, addresses: readonly ResolvedAddress[], headers: Record<string, string>, body: string, timeoutMs = DELIVERY_TIMEOUT_MS): Promise<SendResult> {
  const client = url.protocol === 'https:' ? https : http;
  return new Promise<SendResult>((resolve, reject) => {
    const request = client.request(url, {
      method: 'POST',
      headers: { ...headers, 'content-type': 'application/json', 'content-length': String(Buffer.byteLength(body)), 'user-agent': 'Tessera-Webhooks/1.0' },
      lookup: pinnedLookup(addresses),
      agent: false,
    });
    const timer = setTimeout(() => request.destroy(new Error(`no complete answer within ${timeoutMs / 1000} s`)), timeoutMs);
    const finish = (fn: () => void) => {
      clearTimeout(timer);
      fn();
    };
    request.on('error', (error) => finish(() => reject(error)));
    request.on('response', (response) => {
      const chunks: Buffer[] = [];
      let size = 0;
      let done = false;
      const settle = () => {
        if (done) return;
        done = true;
        const text = Buffer.concat(chunks).subarray(0, RESPONSE_BODY_LIMIT).toString('utf8');
        const retryAfter = response.headers['retry-after'];
        finish(() => resolve({ statusCode: response.statusCode ?? 0, retryAfter: Array.isArray(retryAfter) ? retryAfter[0] : retryAfter, body: text }));
        response.destroy();
      };
      response.on('data', (chunk: Buffer) => {
        chunks.push(chunk);
        size += chunk.length;
        if (size >= RESPONSE_BODY_LIMIT) settle();
      });
      response.on('end', settle);
      response.on('error', settle);
      response.on('close', settle);
    });
    request.end(body);
  });
}
