// API keys, in the payment-QR seed's `{status, data}` envelope.
import { queryOptions } from '@tanstack/react-query';
import { collect, paginate, unwrap } from '@tessera/client';
import { api } from './client.ts';
import type { ApiKey } from './types.ts';

/** Every key of the account, newest first, masked. */
export const apiKeysQuery = queryOptions({
  queryKey: ['api-keys'],
  queryFn: ({ signal }): Promise<ApiKey[]> =>
    collect(
      paginate(async (cursor) => {
        const body = await unwrap(api.GET('/api/v1/merchant/api-keys', { params: { query: { limit: 100, cursor } }, signal }));
        return { data: body.data.api_keys, next_cursor: body.data.next_cursor };
      }),
    ),
});

/** A key just made: the only time its full text exists outside the caller. */
export interface RevealedKey {
  apiKey: ApiKey;
  fullKey: string;
}

/** Creates a key. */
export async function createApiKey(input: { env: 'prd' | 'tst'; scope?: ApiKey['scope']; batch_id?: string; name?: string; expires_at?: string }): Promise<RevealedKey> {
  const body = await unwrap(api.POST('/api/v1/merchant/api-keys', { body: input }));
  return { apiKey: body.data.api_key, fullKey: body.data.full_key };
}

/** Replaces a key; the old one keeps working for `graceHours` (0: revoked at once). */
export async function regenerateApiKey(kid: string, graceHours: number): Promise<RevealedKey> {
  const body = await unwrap(api.POST('/api/v1/merchant/api-keys/secret/regenerate', { body: { kid, grace_period_hours: graceHours } }));
  return { apiKey: body.data.api_key, fullKey: body.data.full_key };
}

/** Revokes a key at once. */
export async function revokeApiKey(id: string): Promise<void> {
  await unwrap(api.DELETE('/api/v1/merchant/api-keys/{id}', { params: { path: { id } } }));
}
