// The catalogue of webhook event types, each with what it means and a sample `data` payload.
// emitEvent refuses a type that is not listed here, so the catalogue stays the documentation.

/** One event type a module can emit. */
export interface EventTypeInfo {
  type: string;
  description: string;
  /** Opt-in types are delivered only to endpoints that name them (a wildcard does not include them). */
  optIn: boolean;
  sample: Record<string, unknown>;
}

const at = '2026-03-01T12:00:00.000Z';

/** Every event type, in documentation order. */
export const EVENT_TYPES: readonly EventTypeInfo[] = [
  {
    type: 'campaign.created',
    optIn: false,
    description: 'A campaign was created; `data.campaign.livemode` is false for test campaigns (made with a `tst` key).',
    sample: { campaign: { id: 'cmp_4hT9xQ2mV8nB3kL7pR5sW1', name: 'Spring launch', status: 'active', livemode: true, created_at: at } },
  },
  {
    type: 'campaign.updated',
    optIn: false,
    description: 'A campaign was changed.',
    sample: { campaign: { id: 'cmp_4hT9xQ2mV8nB3kL7pR5sW1', name: 'Spring launch (EU)', status: 'active', updated_at: at }, changed: ['name'] },
  },
  {
    type: 'campaign.archived',
    optIn: false,
    description: 'A campaign was archived; its codes stop resolving.',
    sample: { campaign: { id: 'cmp_4hT9xQ2mV8nB3kL7pR5sW1', status: 'archived', archived_at: at } },
  },
  {
    type: 'api_key.regenerated',
    optIn: false,
    description: 'An API key was regenerated; the previous key stops working at `previous.expires_at` (null: at once). Never carries a key.',
    sample: {
      api_key: { id: '5b1f7c1e-2f7a-4d5e-9a51-0c8f7e2b9d10', kid: 'ABC123DEF456G', env: 'prd', display_mask: 'sec1-prd-ABC...42' },
      previous: { id: '9c2e4f6a-8b1d-4e3f-a5c7-0d9e8f7a6b5c', kid: 'ZYX987WVU654T', expires_at: null },
    },
  },
  {
    type: 'webhook_secret.rotated',
    optIn: false,
    description: 'The webhook signing secret was rotated; the previous one stays valid until `previous.expires_at`.',
    sample: {
      secret: { id: '0d3c0a6e-9a3b-4f1e-8f71-2b6f9d1c4e55', kid: 'abc123def456' },
      previous: { id: '8e2a4b9c-1d7f-4c3e-a5b6-7f8e9d0c1b2a', kid: 'q1w2e3r4t5y6', expires_at: '2026-03-02T12:00:00.000Z' },
    },
  },
  {
    type: 'form.submitted',
    optIn: false,
    description: 'A visitor submitted a hosted form.',
    sample: { form: { id: 'frm_8Kp2vN5xQ7mB3hL9tR4sW6' }, submission: { id: 'sub_2mV8nB3kL7pR5sW1x4hT9Q', fields: { email: 'ada@example.com' }, submitted_at: at } },
  },
  {
    type: 'checkin.created',
    optIn: false,
    description:
      "A ticket was scanned at a gate, admitted or not: the answer the scanner got. `result` is ok, already_redeemed, expired, invalid or revoked, `reason` the finer cause (as `POST /api/v1/checkins` answers); `admission` is set on already_redeemed, `opens_at` on not_yet_active, `reentry` on a recorded exit (left); `checked_in_at` is `created_at`, also for refusals; `batch_id` is the event the check-in counts toward: the ticket's bulk request, or the gate's event when it named one (`other_event` refusals carry the gate's).",
    sample: {
      checkin: {
        id: 'chk_7pR5sW1x4hT9Q2mV8nB3kL',
        result: 'already_redeemed',
        reason: 'already_used',
        type: 'entry',
        campaign_id: 'cmp_4hT9xQ2mV8nB3kL7pR5sW1',
        batch_id: 'bat_3kL7pR5sW1x4hT9Q2mV8nB',
        scanner_id: 'gate-2',
        short_code: 'Xk7pQ2m',
        ticket: { short_code: 'Xk7pQ2m', destination: 'https://example.com/tickets/0042', name: 'Attendee 0042' },
        admission: { checkin_id: 'chk_2mV8nB3kL7pR5sW1x4hT9Q', scanner_id: 'gate-1', created_at: '2026-03-01T11:58:20.000Z' },
        opens_at: null,
        reentry: null,
        created_at: at,
        checked_in_at: at,
      },
    },
  },
  {
    type: 'item.finalized',
    optIn: false,
    description: 'An ephemeral item attributed to the account reached a final state (view limit reached or expired) and was archived: its content is purged, its receipt kept.',
    sample: { item: { id: 'itm_9Q2mV8nB3kL7pR5sW1x4hT', state: 'ARCHIVAL', reason: 'view_limit_reached', view_count: 5, view_limit: 5, finalized_at: at, archived_at: at } },
  },
  {
    type: 'payment.created',
    optIn: false,
    description: 'A payment request was created (payments/init); `data.payment.livemode` is false for test payments.',
    sample: {
      payment: {
        id: 'pay_5sW1x4hT9Q2mV8nB3kL7pR',
        object: 'payment',
        amount: 1250,
        currency: 'EUR',
        scheme: 'sepa',
        reference: 'order-1042',
        creditor_reference: { type: 'RF', value: 'RF18539007547034', display: 'RF18 5390 0754 7034' },
        livemode: true,
        status: 'pending',
        expires_at: '2026-03-02T12:00:00.000Z',
        created_at: at,
      },
    },
  },
  {
    type: 'payment.succeeded',
    optIn: false,
    description: 'A payment was paid: matched by bank reconciliation, marked paid by hand, or simulated (test mode); `settlement.via` says which.',
    sample: {
      payment: {
        id: 'pay_5sW1x4hT9Q2mV8nB3kL7pR',
        object: 'payment',
        amount: 1250,
        currency: 'EUR',
        scheme: 'sepa',
        reference: 'order-1042',
        creditor_reference: { type: 'RF', value: 'RF18539007547034', display: 'RF18 5390 0754 7034' },
        livemode: true,
        status: 'succeeded',
        settlement: { via: 'reconciliation', note: null, by: null },
        paid_at: at,
      },
    },
  },
  {
    type: 'payment.failed',
    optIn: false,
    description: 'A payment failed (test mode: simulated with outcome failed).',
    sample: {
      payment: {
        id: 'pay_5sW1x4hT9Q2mV8nB3kL7pR',
        object: 'payment',
        amount: 1250,
        currency: 'EUR',
        scheme: 'sepa',
        reference: 'order-1042',
        creditor_reference: { type: 'RF', value: 'RF18539007547034', display: 'RF18 5390 0754 7034' },
        livemode: true,
        status: 'failed',
        failure_reason: 'simulated_failure',
        failed_at: at,
      },
    },
  },
  {
    type: 'payment.expired',
    optIn: false,
    description: 'A payment request expired unpaid.',
    sample: {
      payment: {
        id: 'pay_5sW1x4hT9Q2mV8nB3kL7pR',
        object: 'payment',
        amount: 1250,
        currency: 'EUR',
        scheme: 'sepa',
        reference: 'order-1042',
        creditor_reference: { type: 'RF', value: 'RF18539007547034', display: 'RF18 5390 0754 7034' },
        livemode: true,
        status: 'expired',
        expired_at: at,
      },
    },
  },
  {
    type: 'payment.canceled',
    optIn: false,
    description: 'A pending payment request was canceled by the merchant.',
    sample: {
      payment: {
        id: 'pay_5sW1x4hT9Q2mV8nB3kL7pR',
        object: 'payment',
        amount: 1250,
        currency: 'EUR',
        scheme: 'sepa',
        reference: 'order-1042',
        creditor_reference: { type: 'RF', value: 'RF18539007547034', display: 'RF18 5390 0754 7034' },
        livemode: true,
        status: 'canceled',
        canceled_at: at,
      },
    },
  },
  {
    type: 'scan.created',
    optIn: true,
    description: 'A QR code was scanned (high volume: delivered only to endpoints that subscribe to it by name).',
    sample: {
      scan: {
        id: 'scn_0mhx2k3w1Q2mV8nB3kL7pR5sW',
        campaign_id: 'cmp_4hT9xQ2mV8nB3kL7pR5sW1',
        country: 'DE',
        os: 'iOS',
        browser: 'Mobile Safari',
        device_type: 'mobile',
        is_bot: false,
        referrer_host: null,
        scanned_at: at,
      },
    },
  },
];

/** The type sent by `POST …/endpoints/:id/test`; never emitted by modules and not subscribable. */
export const PING_EVENT_TYPE = 'ping';

/** Subscription wildcard: every non-opt-in type. */
export const ALL_EVENTS = '*';

const BY_TYPE = new Map(EVENT_TYPES.map((e) => [e.type, e]));

/** The catalogue entry for `type`, if any. */
export function eventTypeInfo(type: string): EventTypeInfo | undefined {
  return BY_TYPE.get(type);
}

/** Whether an endpoint subscribed to `subscriptions` receives events of `type`. */
export function isSubscribed(subscriptions: readonly string[], type: string): boolean {
  if (subscriptions.includes(type)) return true;
  return subscriptions.includes(ALL_EVENTS) && !BY_TYPE.get(type)?.optIn;
}
