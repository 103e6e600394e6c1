// Helpers for item tests: create through the API and compute the receipt the way a client would.
import { createHmac } from 'node:crypto';
import type { FastifyInstance } from 'fastify';
import { expect } from 'vitest';

/** The seed's example body. */
export const SEED_ITEM = { content: 'Hello, World. Resolved exactly as intended.', password: 'YOUR_ACCESS_PASSWORD', ttlHours: 1, viewLimit: 5 };

/** The receipt as any client computes it from what it holds: HMAC-SHA256(key = magic, message = content), hex. */
export function clientHmac(magic: string, content: string): string {
  return createHmac('sha256', Buffer.from(magic, 'utf8')).update(Buffer.from(content, 'utf8')).digest('hex');
}

/** Creates an item through the API and returns the 201 body. */
export async function createItemViaApi(app: FastifyInstance, body: Record<string, unknown>): Promise<{ magic: string; deleteToken: string; [key: string]: unknown }> {
  const res = await app.inject({ method: 'POST', url: '/api/v0/items', payload: body });
  expect(res.statusCode, res.body).toBe(201);
  return res.json();
}

/** GET /api/v0/items/{magic}, with a password when given. */
export function resolveViaApi(app: FastifyInstance, magic: string, password?: string) {
  return app.inject({ method: 'GET', url: `/api/v0/items/${magic}`, headers: password === undefined ? {} : { 'x-qr-password': password } });
}
