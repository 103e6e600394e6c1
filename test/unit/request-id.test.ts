import { describe, expect, it } from 'vitest';
import { newRequestId, requestId } from '../../src/http/request-id.ts';

const UUID_SHAPE = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;

describe('request ids', () => {
  it('are UUID-shaped and never repeat within a process', () => {
    const ids = Array.from({ length: 10_000 }, () => newRequestId());
    for (const id of ids) expect(id).toMatch(UUID_SHAPE);
    expect(new Set(ids).size).toBe(ids.length);
  });

  it('give away nothing about the traffic between them: consecutive ids share no prefix', () => {
    // A counter under a fixed prefix would let anyone with two ids count the requests in between.
    const ids = Array.from({ length: 1_000 }, () => newRequestId());
    expect(new Set(ids.map((id) => id.slice(0, 8))).size).toBeGreaterThan(990);
  });

  it('keep a plain caller id and replace anything else', () => {
    expect(requestId({ headers: { 'x-request-id': 'trace-1:a.b' } })).toBe('trace-1:a.b');
    expect(requestId({ headers: { 'x-request-id': 'bad id\n' } })).toMatch(UUID_SHAPE);
    expect(requestId({ headers: {} })).toMatch(UUID_SHAPE);
  });
});
