// Idempotency keys and check-in nonces come from randomUuid: with crypto.randomUUID where the page
// is a secure context, and from getRandomValues where it is not (the dashboard over plain http at
// a network address), where calling randomUUID threw and every create failed.
import { webcrypto } from 'node:crypto';
import { expect, it } from 'vitest';
import { randomUuid } from '../../clients/typescript/src/index.ts';

const V4 = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;

it('uses crypto.randomUUID when the page has it', () => {
  expect(randomUuid({ getRandomValues: () => new Uint8Array(16), randomUUID: () => 'from-random-uuid' } as never)).toBe('from-random-uuid');
  expect(randomUuid()).toMatch(V4);
});

it('builds a version 4 UUID from getRandomValues where randomUUID is missing (an insecure context)', () => {
  const insecure = { getRandomValues: (array: Uint8Array) => webcrypto.getRandomValues(array) };
  const ids = new Set(Array.from({ length: 1000 }, () => randomUuid(insecure as never)));
  expect(ids.size).toBe(1000);
  for (const id of ids) expect(id).toMatch(V4);
  // Every byte reaches the string: all ones stay all ones outside the version and variant bits.
  expect(randomUuid({ getRandomValues: (array: Uint8Array) => array.fill(0xff) } as never)).toBe('ffffffff-ffff-4fff-bfff-ffffffffffff');
});
