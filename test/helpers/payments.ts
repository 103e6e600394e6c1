// Payment fixtures for API tests: a payee profile with every scheme, a test-mode key, and init.
import type { FastifyInstance } from 'fastify';
import { authHeaders, sessionHeaders, type TestAccount } from './accounts.ts';

/** A profile accepting all four schemes (Swiss with a QR-IBAN: the IG's example account). */
export const FULL_PROFILE = {
  sepa: { name: 'Bäckerei Müller', iban: 'DE89 3704 0044 0532 0130 00', bic: 'COBADEFFXXX' },
  swiss_qr: { name: 'Robert Schneider AG', iban: 'CH44 3199 9123 0008 8901 2', address: { street: 'Rue du Lac', building_number: '1268', postcode: '2501', town: 'Biel', country: 'CH' } },
  pix: { key: '+55 11 98765-4321', merchant_name: 'Padaria Sao Joao', city: 'Sao Paulo' },
  upi: { vpa: 'sharma.store@okaxis', payee_name: 'Sharma General Store' },
};

/** PUTs a profile (FULL_PROFILE by default) with the account's API key; throws unless 200. */
export async function putProfile(app: FastifyInstance, account: TestAccount, profile: unknown = FULL_PROFILE): Promise<void> {
  const res = await app.inject({ method: 'PUT', url: '/api/v1/merchant/payment-profile', headers: authHeaders(account.apiKey), payload: profile as object });
  if (res.statusCode !== 200) throw new Error(`profile: ${res.statusCode} ${res.body}`);
}

/** Creates a `sec1-tst-…` key for the account (through its session). */
export async function testKey(app: FastifyInstance, account: TestAccount): Promise<string> {
  const res = await app.inject({ method: 'POST', url: '/api/v1/merchant/api-keys', headers: sessionHeaders(account), payload: { env: 'tst', name: 'test mode' } });
  if (res.statusCode !== 201) throw new Error(`tst key: ${res.statusCode} ${res.body}`);
  return res.json().data.full_key as string;
}

/** A payments/init body per scheme. */
export const INIT: Record<'sepa' | 'swiss_qr' | 'pix' | 'upi', Record<string, unknown>> = {
  sepa: { amount: 1250, currency: 'EUR', scheme: 'sepa', reference: 'order-1042', description: 'Order 1042' },
  swiss_qr: { amount: 194975, currency: 'CHF', scheme: 'swiss_qr', reference: '1042', description: 'Order of 15 June 2020' },
  pix: { amount: 4990, currency: 'BRL', scheme: 'pix', reference: 'pedido-77', description: 'Pedido 77' },
  upi: { amount: 49900, currency: 'INR', scheme: 'upi', reference: 'ORD20240042', description: 'Order 42' },
};

/** POSTs payments/init with `key`; returns the response. */
export function initPayment(app: FastifyInstance, key: string, body: Record<string, unknown>, headers: Record<string, string> = {}) {
  return app.inject({ method: 'POST', url: '/api/v1/payments/init', headers: { ...authHeaders(key), ...headers }, payload: body });
}
