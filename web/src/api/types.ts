// The API's shapes as the dashboard uses them, named once from the generated client types.
import type { JsonBody, JsonResponse } from '@tessera/client';

export type Campaign = JsonResponse<'/api/v1/campaigns/{id}', 'get'>;
export type CampaignPage = JsonResponse<'/api/v1/campaigns', 'get'>;
export type NewCampaign = JsonBody<'/api/v1/campaigns', 'post'>;
export type CampaignPatch = JsonBody<'/api/v1/campaigns/{id}', 'put'>;
export type QrType = Campaign['qr_type'];
export type CampaignStatus = Campaign['status'];
export type Template = JsonResponse<'/api/v1/templates', 'get'>['data'][number];
export type ApiKey = JsonResponse<'/api/v1/merchant/api-keys', 'get'>['data']['api_keys'][number];
export type BulkRequest = JsonBody<'/api/v1/qrs/bulk', 'post'>;
export type BulkResult = JsonResponse<'/api/v1/qrs/bulk', 'post', 201>;
/** A design document as the API stores it. */
export type DesignConfig = Record<string, unknown>;
export type Checkin = JsonResponse<'/api/v1/checkins', 'post'>;
export type CheckinBody = JsonBody<'/api/v1/checkins', 'post'>;
export type CheckinSummary = JsonResponse<'/api/v1/checkins/summary', 'get'>;
export type TicketBatch = JsonResponse<'/api/v1/qrs/batches', 'get'>['data'][number];
