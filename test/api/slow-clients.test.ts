// A client that sent its headers and then trickles the body must not hold its socket forever:
// Fastify's default (requestTimeout 0) switched Node's limit off. Node enforces the limit on its
// own interval (30 s), so this checks the server the app listens with rather than waiting.
import { afterEach, expect, it } from 'vitest';
import { REQUEST_TIMEOUT_MS } from '../../src/app.ts';
import { createTestApp, type TestApp } from '../helpers/app.ts';
import { describeDialects } from '../helpers/dialects.ts';

describeDialects('slow clients', (dialect) => {
  let t: TestApp | undefined;
  afterEach(async () => {
    await t?.close();
    t = undefined;
  });

  it('the listening server limits a whole request to two minutes and its headers to Node’s 60 s', async () => {
    t = await createTestApp(dialect);
    await t.app.listen({ port: 0, host: '127.0.0.1' });
    expect(REQUEST_TIMEOUT_MS).toBe(120_000);
    expect(t.app.server.requestTimeout).toBe(REQUEST_TIMEOUT_MS);
    expect(t.app.server.headersTimeout).toBe(60_000);
  });
});
