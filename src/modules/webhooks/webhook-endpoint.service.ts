// Webhook endpoints: where an account's events go. A URL is checked against the SSRF policy
// (and resolved) when it is registered or changed, and again before every delivery.
import type { Kysely } from 'kysely';
import type { AppContext } from '../../context.ts';
import type { Config } from '../../config.ts';
import { fromFlag, isForeignKeyViolation, toFlag } from '../../db/dialect.ts';
import type { Database, WebhookEndpointsTable } from '../../db/schema.ts';
import { AppError, type FieldError, notFound } from '../../errors.ts';
import { newId } from '../../ids.ts';
import { ALL_EVENTS, eventTypeInfo } from './event-types.ts';
import { emitPing } from './outbox.ts';
import { DestinationRefusedError, type DestinationPolicy, parseAllowList, vetDestination } from './ssrf-guard.ts';
import { countEndpointsForCreate, deleteEndpoint, findEndpoint, insertEndpoint, listEndpoints, updateEndpoint } from './webhook-endpoint.repo.ts';
import { inTransaction } from '../../db/transaction.ts';
import { hasActiveWebhookSecret } from './webhook-secret.service.ts';
import type { CreateEndpointBody, UpdateEndpointBody, WebhookEndpoint } from './webhooks.schemas.ts';
import { toIso } from '../../http/iso.ts';

/** Endpoints an account may register. */
export const MAX_ENDPOINTS_PER_ACCOUNT = 50;

/** An endpoint as the API shows it. */
export type { WebhookEndpoint };

/** Fields a caller sets (all optional on update). */
export type EndpointInput = UpdateEndpointBody;

const policies = new WeakMap<Config, DestinationPolicy>();

/** The SSRF policy of this configuration (https in production, TESSERA_WEBHOOK_ALLOWED_HOSTS). */
export function destinationPolicy(config: Config): DestinationPolicy {
  let policy = policies.get(config);
  if (!policy) {
    policy = { production: config.production, allowList: parseAllowList(config.webhookAllowedHosts) };
    policies.set(config, policy);
  }
  return policy;
}

function toEndpoint(row: WebhookEndpointsTable): WebhookEndpoint {
  return {
    id: row.id,
    url: row.url,
    description: row.description,
    event_types: JSON.parse(row.event_types) as string[],
    enabled: fromFlag(row.enabled),
    disabled_reason: row.disabled_reason,
    failing_since: toIso(row.failing_since),
    created_at: toIso(row.created_at),
    updated_at: toIso(row.updated_at),
  };
}

function invalid(errors: FieldError[]): AppError {
  return new AppError('validation_failed', errors.map((e) => `${e.field} ${e.message}`).join('; ') + '.', { errors });
}

function checkEventTypes(types: string[]): string[] {
  const unknown = types.filter((t) => t !== ALL_EVENTS && !eventTypeInfo(t));
  if (unknown.length) throw invalid([{ field: 'body/event_types', message: `contains unknown event types (${unknown.join(', ')}); see GET /api/v1/merchant/webhooks/event-types` }]);
  if (types.length === 0) throw invalid([{ field: 'body/event_types', message: 'must name at least one event type, or "*" for all' }]);
  return [...new Set(types)];
}

async function checkUrl(policy: DestinationPolicy, url: string): Promise<string> {
  try {
    // Spaces around a pasted address are trimmed; one inside it is refused (asTyped).
    return (await vetDestination(url.trim(), policy, true)).url.toString();
  } catch (error) {
    if (!(error instanceof DestinationRefusedError)) throw error;
    const errors = [{ field: 'body/url', message: error.reason }];
    // A self-hoster testing against a receiver on their own machine or network needs the way
    // through; said in the detail, as the dashboard says it beside the field in its own words.
    if (error.forbiddenAddress) throw new AppError('validation_failed', `body/url ${error.reason}. ${ALLOW_HINT}`, { errors });
    throw invalid(errors);
  }
}

const ALLOW_HINT = 'The instance’s operator can allow such receivers by listing them in TESSERA_WEBHOOK_ALLOWED_HOSTS.';

/** Registers an endpoint; 400 for a refused URL or unknown event types, 409 without a signing secret. */
export async function createEndpoint(ctx: Pick<AppContext, 'db' | 'clock' | 'dialect'>, policy: DestinationPolicy, accountId: string, input: CreateEndpointBody): Promise<WebhookEndpoint> {
  const eventTypes = checkEventTypes(input.event_types ?? [ALL_EVENTS]);
  const url = await checkUrl(policy, input.url);
  if (!(await hasActiveWebhookSecret(ctx, accountId))) {
    throw new AppError('conflict', 'Create a webhook signing secret first (POST /api/v1/merchant/webhooks/secret): every delivery is signed with it.');
  }
  const now = ctx.clock.now();
  const enabled = input.enabled ?? true;
  const row: WebhookEndpointsTable = {
    id: newId('whk'),
    account_id: accountId,
    url,
    description: input.description?.trim() ?? '',
    event_types: JSON.stringify(eventTypes),
    enabled: toFlag(enabled),
    disabled_reason: enabled ? null : 'Disabled by the account.',
    failing_since: null,
    created_at: now,
    updated_at: now,
  };
  // Counted and written under one per-account lock: creates arriving together each counted below
  // the limit before any had written, and all went in.
  await inTransaction(ctx.db, async (trx) => {
    if ((await countEndpointsForCreate(trx, ctx.dialect, accountId)) >= MAX_ENDPOINTS_PER_ACCOUNT) {
      throw new AppError('conflict', `An account can have at most ${MAX_ENDPOINTS_PER_ACCOUNT} webhook endpoints; delete one you no longer use.`);
    }
    await insertEndpoint(trx, row);
  });
  return toEndpoint(row);
}

/** The account's endpoints. */
export async function listWebhookEndpoints(ctx: Pick<AppContext, 'db'>, accountId: string): Promise<WebhookEndpoint[]> {
  return (await listEndpoints(ctx.db, accountId)).map(toEndpoint);
}

async function requireEndpoint(db: Kysely<Database>, accountId: string, id: string): Promise<WebhookEndpointsTable> {
  const row = await findEndpoint(db, accountId, id);
  if (!row) throw notFound(`Webhook endpoint ${id}`);
  return row;
}

/** One endpoint of the account (404 for another account's). */
export async function getWebhookEndpoint(ctx: Pick<AppContext, 'db'>, accountId: string, id: string): Promise<WebhookEndpoint> {
  return toEndpoint(await requireEndpoint(ctx.db, accountId, id));
}

/** Changes an endpoint; enabling it again clears its failure streak and disabled reason. */
export async function updateWebhookEndpoint(ctx: Pick<AppContext, 'db' | 'clock'>, policy: DestinationPolicy, accountId: string, id: string, input: EndpointInput): Promise<WebhookEndpoint> {
  const row = await requireEndpoint(ctx.db, accountId, id);
  const changes: Partial<WebhookEndpointsTable> = { updated_at: ctx.clock.now() };
  if (input.url !== undefined) changes.url = await checkUrl(policy, input.url);
  if (input.event_types !== undefined) changes.event_types = JSON.stringify(checkEventTypes(input.event_types));
  if (input.description !== undefined) changes.description = input.description.trim();
  if (input.enabled !== undefined && input.enabled !== fromFlag(row.enabled)) {
    changes.enabled = toFlag(input.enabled);
    changes.disabled_reason = input.enabled ? null : 'Disabled by the account.';
    changes.failing_since = null;
  }
  await updateEndpoint(ctx.db, accountId, id, changes);
  return toEndpoint({ ...row, ...changes });
}

/** Deletes an endpoint and its delivery log. */
export async function deleteWebhookEndpoint(ctx: Pick<AppContext, 'db'>, accountId: string, id: string): Promise<void> {
  if (!(await deleteEndpoint(ctx.db, accountId, id))) throw notFound(`Webhook endpoint ${id}`);
}

/** Queues a `ping` event to one endpoint; 409 when the endpoint is disabled. */
export async function sendTestEvent(ctx: Pick<AppContext, 'db' | 'clock'>, accountId: string, id: string): Promise<{ event_id: string; delivery_id: string }> {
  const row = await requireEndpoint(ctx.db, accountId, id);
  if (!fromFlag(row.enabled)) throw new AppError('conflict', 'This endpoint is disabled; enable it (PUT with "enabled": true) before sending a test event.');
  // A DELETE of the endpoint can commit between the read above and the delivery's insert; its
  // foreign key then refuses the row, and the endpoint is gone as far as the caller can tell.
  const { eventId, deliveryId } = await emitPing(ctx.db, accountId, id, ctx.clock.now()).catch((error: unknown) => {
    throw isForeignKeyViolation(error) ? notFound(`Webhook endpoint ${id}`) : error;
  });
  return { event_id: eventId, delivery_id: deliveryId };
}
