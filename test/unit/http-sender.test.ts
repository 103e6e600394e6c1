import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { postWebhook } from '../../src/modules/webhooks/http-sender.ts';
import { type Receiver, startReceiver } from '../helpers/webhook-receiver.ts';

describe('postWebhook', () => {
  let receiver: Receiver;
  beforeEach(async () => {
    receiver = await startReceiver();
  });
  afterEach(async () => {
    await receiver.close();
  });
  const local = [{ address: '127.0.0.1', family: 4 as const }];

  it('connects to the vetted address, not to what DNS would answer now', async () => {
    // `pinned.invalid` does not resolve at all: the request can only arrive through the pinned address.
    const url = new URL(`http://pinned.invalid:${new URL(receiver.url).port}/in`);
    const result = await postWebhook(url, local, { 'webhook-id': 'msg_1' }, '{"a":1}');
    expect(result.statusCode).toBe(200);
    expect(receiver.received[0]).toMatchObject({ path: '/in', body: '{"a":1}' });
    expect(receiver.received[0]!.headers.host).toBe(`pinned.invalid:${new URL(receiver.url).port}`);
  });

  it('keeps only the first 1 KiB of the response and reports Retry-After', async () => {
    receiver.fallback = { status: 503, headers: { 'retry-after': '30' }, body: 'y'.repeat(200_000) };
    const result = await postWebhook(new URL(receiver.url), local, {}, '{}');
    expect(result).toMatchObject({ statusCode: 503, retryAfter: '30' });
    expect(result.body).toBe('y'.repeat(1024));
  });

  it('does not follow redirects', async () => {
    receiver.script = [{ status: 307, headers: { location: `${receiver.url}/elsewhere` } }];
    const result = await postWebhook(new URL(receiver.url), local, {}, '{}');
    expect(result.statusCode).toBe(307);
    expect(receiver.received).toHaveLength(1);
  });

  it('gives up when the receiver does not answer in time', async () => {
    receiver.script = [{ status: 0, hang: true }];
    await expect(postWebhook(new URL(receiver.url), local, {}, '{}', 200)).rejects.toThrow(/no complete answer within 0.2 s/);
  });
});
