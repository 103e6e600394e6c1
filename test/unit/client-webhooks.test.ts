// @tessera/client verifies webhooks signed the way Tessera's delivery worker signs them, with
// either secret during a rotation, and refuses a tampered body, a wrong secret or a stale timestamp.
import { describe, expect, it } from 'vitest';
import { verifyWebhook, WebhookVerificationError } from '../../clients/typescript/src/webhooks.ts';
import { generateSigningSecret, webhookHeaders } from '../../src/modules/webhooks/signing.ts';

describe('@tessera/client verifyWebhook', () => {
  const body = JSON.stringify({ type: 'scan.created', timestamp: '2026-03-01T12:00:00.000Z', data: { campaign_id: 'cmp_1', short_code: 'Xk4mP9q' } });
  const now = () => Math.floor(Date.now() / 1000);

  it('returns the event of a delivery signed with the current or the rotating secret', () => {
    const current = generateSigningSecret();
    const previous = generateSigningSecret();
    const headers = webhookHeaders([current, previous], 'msg_1', now(), body);
    for (const secret of [current, previous]) {
      expect(verifyWebhook(secret, body, headers)).toEqual({ type: 'scan.created', timestamp: '2026-03-01T12:00:00.000Z', data: { campaign_id: 'cmp_1', short_code: 'Xk4mP9q' } });
    }
    // Headers as fetch delivers them (any case) verify too.
    expect(verifyWebhook(current, body, new Headers(headers)).type).toBe('scan.created');
  });

  it('refuses a tampered body, another secret, a stale delivery and a signed body that is no event', () => {
    const secret = generateSigningSecret();
    const headers = webhookHeaders([secret], 'msg_2', now(), body);
    expect(() => verifyWebhook(secret, body.replace('Xk4mP9q', 'Xk4mP9r'), headers)).toThrow(WebhookVerificationError);
    expect(() => verifyWebhook(generateSigningSecret(), body, headers)).toThrow(WebhookVerificationError);
    expect(() => verifyWebhook(secret, body, webhookHeaders([secret], 'msg_3', now() - 3600, body))).toThrow(WebhookVerificationError);
    expect(() => verifyWebhook(secret, '[1,2]', webhookHeaders([secret], 'msg_4', now(), '[1,2]'))).toThrow(/not a Tessera event/);
  });
});
