// How the account appears on its public pages (item pages, code error pages, hosted pages).
import { queryOptions } from '@tanstack/react-query';
import { type JsonBody, type JsonResponse, unwrap } from '@tessera/client';
import { api } from './client.ts';

export type Branding = JsonResponse<'/api/v1/account/branding', 'get'>;
export type BrandingPatch = JsonBody<'/api/v1/account/branding', 'patch'>;

export const brandingQuery = queryOptions({
  queryKey: ['account', 'branding'],
  queryFn: ({ signal }) => unwrap(api.GET('/api/v1/account/branding', { signal })),
});

/** Saves the fields that changed; the answer is the branding as stored. */
export function saveBranding(patch: BrandingPatch): Promise<Branding> {
  return unwrap(api.PATCH('/api/v1/account/branding', { body: patch }));
}
