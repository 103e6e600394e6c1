// What an update body really asks to change. A client that GETs a campaign, edits one field and
// PUTs the whole body back also sends every other field as it read it: the fields Tessera sets
// (id, short_code, created_at, …) and the ones it left alone. Both are echoes, compared with the
// campaign as GET prints it, so the exact GET body always round-trips. A server-set field that
// differs is refused rather than dropped: the client meant a change that cannot happen.
import { isDeepStrictEqual } from 'node:util';
import { AppError, type FieldError } from '../../errors.ts';
import { type CampaignJson, SERVER_SET_FIELDS, type ServerSetField, type UpdateCampaignBody } from './campaign.schemas.ts';

/** An update without the server-set fields: what the service applies. */
export type CampaignChanges = Omit<UpdateCampaignBody, ServerSetField>;

const INSTANTS = new Set<string>(['created_at', 'updated_at', 'active_from', 'active_until']);

// Instants are compared as instants: a client that re-serialises a date ("…T12:00:00Z" for
// "…T12:00:00.000Z") sends the same value back. Everything else as JSON, key order aside.
function sameValue(field: string, sent: unknown, stored: unknown): boolean {
  if (INSTANTS.has(field) && typeof sent === 'string' && typeof stored === 'string') return Date.parse(sent) === Date.parse(stored);
  return isDeepStrictEqual(sent, stored);
}

function refusal(field: ServerSetField, sent: unknown, stored: CampaignJson): FieldError {
  if (field === 'status' && sent === 'archived') return { field: 'body/status', message: `is set by Tessera and cannot be changed; to archive the campaign, DELETE /api/v1/campaigns/${stored.id}` };
  if (field === 'updated_at')
    return { field: 'body/updated_at', message: `is set by Tessera and cannot be changed; the campaign was last changed at ${stored.updated_at}, so read it again or leave updated_at out` };
  return { field: `body/${field}`, message: 'is set by Tessera and cannot be changed; leave it out or send the value GET answers' };
}

/**
 * The fields of `body` that differ from `stored` (the campaign's JSON), after refusing (400, every
 * field at once) server-set fields that differ. A template_id equal to the stored one is a real
 * change only when it comes alone: then, as ever, it applies the template's design again.
 */
export function realChanges(body: UpdateCampaignBody, stored: CampaignJson): CampaignChanges {
  const errors: FieldError[] = [];
  const changes: Record<string, unknown> = {};
  for (const [field, sent] of Object.entries(body)) {
    if (sent === undefined) continue;
    const same = sameValue(field, sent, stored[field as keyof CampaignJson]);
    if ((SERVER_SET_FIELDS as readonly string[]).includes(field)) {
      if (!same) errors.push(refusal(field as ServerSetField, sent, stored));
    } else if (!same || (field === 'template_id' && sent !== null && body.design_config === undefined)) {
      changes[field] = sent;
    }
  }
  if (errors.length > 0) {
    const detail = errors.map((e) => `${e.field.replace(/^body\//, '')} ${e.message}`).join('; ');
    throw new AppError('validation_failed', `${detail}.`, { errors });
  }
  return changes as CampaignChanges;
}
