// Verifying the webhooks Tessera sends. They follow the Standard Webhooks spec (webhook-id,
// webhook-timestamp, webhook-signature; HMAC-SHA256 under the `whsec_…` secret), so the
// `standardwebhooks` package verifies them; it is re-exported, with a helper that returns the event.
import { Webhook, WebhookVerificationError } from 'standardwebhooks';

export { Webhook, WebhookVerificationError };

/** The body of every Tessera webhook. */
export interface TesseraWebhookEvent {
  /** The event type, e.g. `scan.created`, `campaign.updated` (GET /api/v1/merchant/webhooks/event-types lists them). */
  type: string;
  /** When the event happened (ISO 8601). */
  timestamp: string;
  data: Record<string, unknown>;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/**
 * Checks a delivery's signature and age (5 minutes either way) and returns its event; throws
 * WebhookVerificationError when it does not verify. Pass the raw body, exactly as received. During
 * a secret rotation deliveries carry a signature per live secret: either secret verifies.
 */
export function verifyWebhook(secret: string, rawBody: string, headers: Headers | Record<string, string>): TesseraWebhookEvent {
  const plain: Record<string, string> = {};
  if (headers instanceof Headers) headers.forEach((value, name) => (plain[name] = value));
  else for (const [name, value] of Object.entries(headers)) plain[name.toLowerCase()] = value;
  const event: unknown = new Webhook(secret).verify(rawBody, plain);
  if (!isRecord(event) || typeof event.type !== 'string' || typeof event.timestamp !== 'string' || !isRecord(event.data)) {
    throw new WebhookVerificationError('The signed body is not a Tessera event ({type, timestamp, data}).');
  }
  return { type: event.type, timestamp: event.timestamp, data: event.data };
}
