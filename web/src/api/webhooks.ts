// Webhooks: the account's signing secret, its endpoints and their deliveries (the merchant API's
// `{status, data}` envelope, unwrapped here).
import { queryOptions } from '@tanstack/react-query';
import { type JsonBody, type JsonResponse, unwrap } from '@tessera/client';
import { deliveriesRefetchInterval } from './delivery-poll.ts';
import { api } from './client.ts';

export type WebhookSecret = JsonResponse<'/api/v1/merchant/webhooks/secret', 'get'>['data'][number];
export type WebhookEndpoint = JsonResponse<'/api/v1/merchant/webhooks/endpoints', 'get'>['data'][number];
export type WebhookEventType = JsonResponse<'/api/v1/merchant/webhooks/event-types', 'get'>['data'][number];
export type WebhookDelivery = JsonResponse<'/api/v1/merchant/webhooks/endpoints/{id}/deliveries', 'get'>['data'][number];
export type NewEndpoint = JsonBody<'/api/v1/merchant/webhooks/endpoints', 'post'>;
export type EndpointChange = JsonBody<'/api/v1/merchant/webhooks/endpoints/{id}', 'put'>;

export const webhookSecretsQuery = queryOptions({
  queryKey: ['webhooks', 'secrets'],
  queryFn: async ({ signal }) => (await unwrap(api.GET('/api/v1/merchant/webhooks/secret', { signal }))).data,
});

export const webhookEndpointsQuery = queryOptions({
  queryKey: ['webhooks', 'endpoints'],
  queryFn: async ({ signal }) => (await unwrap(api.GET('/api/v1/merchant/webhooks/endpoints', { signal }))).data,
});

export const webhookEventTypesQuery = queryOptions({
  queryKey: ['webhooks', 'event-types'],
  queryFn: async ({ signal }) => (await unwrap(api.GET('/api/v1/merchant/webhooks/event-types', { signal }))).data,
  staleTime: Number.POSITIVE_INFINITY,
});

/** The latest deliveries to an endpoint, newest first; fetched again while one is pending. */
export function deliveriesQuery(endpointId: string) {
  return queryOptions({
    queryKey: ['webhooks', 'deliveries', endpointId],
    queryFn: async ({ signal }) => (await unwrap(api.GET('/api/v1/merchant/webhooks/endpoints/{id}/deliveries', { params: { path: { id: endpointId }, query: { limit: 20 } }, signal }))).data,
    refetchInterval: (query) => deliveriesRefetchInterval(query.state.data),
    refetchIntervalInBackground: false,
  });
}

/** Creates the first signing secret; the value is shown once. */
export async function createWebhookSecret(): Promise<string> {
  return (await unwrap(api.POST('/api/v1/merchant/webhooks/secret'))).data.secret;
}

/** Replaces the secret; the old one keeps signing for 24 hours. The new value is shown once. */
/** Rotates the signing secret; `stopPrevious` ends every older secret at once (a leak) instead of after 24 hours. */
export async function rotateWebhookSecret(stopPrevious = false): Promise<{ secret: string; previousExpiresAt: string }> {
  const { data } = await unwrap(api.POST('/api/v1/merchant/webhooks/secret/rotate', { body: stopPrevious ? { previous_valid_hours: 0 } : {} }));
  return { secret: data.secret, previousExpiresAt: data.previous.expires_at };
}

export async function createEndpoint(body: NewEndpoint): Promise<WebhookEndpoint> {
  return (await unwrap(api.POST('/api/v1/merchant/webhooks/endpoints', { body }))).data;
}

export async function changeEndpoint(id: string, body: EndpointChange): Promise<WebhookEndpoint> {
  return (await unwrap(api.PUT('/api/v1/merchant/webhooks/endpoints/{id}', { params: { path: { id } }, body }))).data;
}

export async function deleteEndpoint(id: string): Promise<void> {
  await unwrap(api.DELETE('/api/v1/merchant/webhooks/endpoints/{id}', { params: { path: { id } } }));
}

/** Queues a `ping` to the endpoint. */
export async function sendTestEvent(id: string): Promise<void> {
  await unwrap(api.POST('/api/v1/merchant/webhooks/endpoints/{id}/test', { params: { path: { id } } }));
}

/** Sends a delivery again, with the same webhook-id. */
export async function retryDelivery(id: string): Promise<void> {
  await unwrap(api.POST('/api/v1/merchant/webhooks/deliveries/{id}/retry', { params: { path: { id } } }));
}
