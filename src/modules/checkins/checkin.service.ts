// Gate check-in of morphing tickets, answered in pretix's vocabulary. Every answer is stored (the
// audit trail, and the first answer a repeated nonce gets back); the redemption itself is a
// conditional update in the repository, so concurrent scans of one ticket admit it once.
import type { AppContext } from '../../context.ts';
import { sha256 } from '../../crypto/keys.ts';
import { isUniqueViolation } from '../../db/dialect.ts';
import type { CheckinsTable } from '../../db/schema.ts';
import { AppError, testKeyRefused } from '../../errors.ts';
import { type Cursor, fetchPage, mapPage, type Page } from '../../http/cursor.ts';
import { newId } from '../../ids.ts';
import { assertFilterTargets, batchMode, type Campaign, type CampaignCaller, findCampaignByCode, schedulePhase } from '../campaigns/index.ts';
import { inspectToken } from '../morph/index.ts';
import { type AdmissionRow, type CheckinFilter, commitCheckin, findCheckinByNonce, type GateMove, listCheckins as listRows } from './checkin.repo.ts';
import { CHECKIN_RESULTS, CHECKIN_TYPES, type CheckinBody } from './checkin.schemas.ts';
import { parseTicketPayload } from './ticket-payload.ts';
import { emitEvent, type EmitEventInput } from '../webhooks/index.ts';
import { toIso } from '../../http/iso.ts';
import { keptToKeyEvent } from '../../http/auth.ts';
import { type CheckinReader, logFilterFor } from './key-event.ts';

export { CHECKIN_RESULTS, CHECKIN_TYPES };
/** A check-in result. */
export type CheckinResult = (typeof CHECKIN_RESULTS)[number];
/** A direction. */
export type CheckinType = (typeof CHECKIN_TYPES)[number];

/** Why a check-in got its result, for the scanner's screen. */
export type CheckinReason =
  | 'admitted'
  | 'left'
  | 'not_inside'
  | 'already_inside'
  | 'already_used'
  | 'not_a_ticket_url'
  | 'unknown_ticket'
  | 'other_event'
  | 'not_a_ticket'
  | 'campaign_archived'
  | 'not_yet_active'
  | 'ended'
  | 'token_missing'
  | 'token_malformed'
  | 'token_stale';

/** The entry that made a later entry `already_redeemed`: when and at which gate the ticket got in. */
export interface Admission {
  checkinId: string;
  scannerId: string | null;
  createdAt: number;
}

/** One answered check-in. */
export interface Checkin {
  id: string;
  result: CheckinResult;
  reason: CheckinReason;
  type: CheckinType;
  campaignId: string | null;
  batchId: string | null;
  scannerId: string | null;
  ticket: { shortCode: string; destination: string; name: string } | null;
  /** Set on `already_redeemed` only. */
  admission: Admission | null;
  /** Set on `not_yet_active` only: when the ticket's admission opens (its campaign's start). */
  opensAt: number | null;
  /** Set on a recorded exit (`left`) only: whether the ticket may enter again (its code's allow_reentry). */
  reentry: boolean | null;
  createdAt: number;
}

/** A scanner's request. */
export type CheckinRequest = CheckinBody;

type Ctx = Pick<AppContext, 'db' | 'config' | 'clock'>;

interface Verdict {
  result: CheckinResult;
  reason: CheckinReason;
  campaign: Campaign | null;
  move: GateMove | null;
}

function refuse(result: CheckinResult, reason: CheckinReason, campaign: Campaign | null = null): Verdict {
  return { result, reason, campaign, move: null };
}

async function judge(ctx: Ctx, { accountId, testMode, keyEvent }: Gate, request: CheckinRequest): Promise<Verdict> {
  const parsed = parseTicketPayload(request.payload, ctx.config.publicUrl);
  if (!parsed) return refuse('invalid', 'not_a_ticket_url');
  const campaign = await findCampaignByCode(ctx, parsed.shortCode);
  // Another account's ticket reads exactly like an unknown one: nothing leaks across tenants.
  if (!campaign || campaign.accountId !== accountId) return refuse('invalid', 'unknown_ticket');
  // Admitting a live ticket spends it: a leaked test key (or a gate left on one) must not let
  // anyone in or turn its holder away. Nothing is recorded: the scanner is misconfigured.
  if (testMode && campaign.livemode) {
    // A test key kept to its (test) event is told only that the ticket is not its event's: the
    // refusal below would name the live campaign, and nothing is written to that campaign's record.
    if (keyEvent) return refuse('invalid', 'other_event');
    throw testKeyRefused(`check in tickets of campaign '${campaign.id}'`, 'it is a live campaign, and tst keys check in only the test tickets they make');
  }
  // A code that is no ticket (a flyer) is not "a ticket for another event", which tells the
  // steward it still works at its own. A key kept to one event is told only the latter, as of any
  // code outside its event: it learns nothing of the account's other codes.
  const noTicket = campaign.qrType !== 'morphing';
  if (noTicket && !keyEvent) return refuse('invalid', 'not_a_ticket', campaign);
  // A gate kept to one event must not spend another event's ticket: held up at the wrong door,
  // it would be void at its own.
  if (request.batch_id && campaign.batchId !== request.batch_id) return refuse('invalid', 'other_event', campaign);
  if (noTicket) return refuse('invalid', 'not_a_ticket', campaign);
  if (campaign.status === 'archived') return refuse('revoked', 'campaign_archived', campaign);
  // Judged as the redirect judges it, and before the token: outside its window even the live
  // image will not do. An exit is refused too, so nothing is recorded of a ticket that is void.
  const phase = schedulePhase(campaign, ctx.clock.now());
  if (phase === 'not_yet_active') return refuse('invalid', 'not_yet_active', campaign);
  if (phase === 'ended') return refuse('expired', 'ended', campaign);
  const { freshness, settings } = await inspectToken(ctx, campaign, parsed.token);
  // A printed short link and an old screenshot both mean: show the live ticket.
  if (freshness === 'missing') return refuse('expired', 'token_missing', campaign);
  if (freshness === 'malformed') return refuse('invalid', 'token_malformed', campaign);
  if (freshness === 'stale') return refuse('expired', 'token_stale', campaign);
  const move: GateMove = { campaignId: campaign.id, accountId, type: request.type, allowReentry: settings.allowReentry, now: ctx.clock.now() };
  return { result: 'ok', reason: request.type === 'entry' ? 'admitted' : 'left', campaign, move };
}

function outcome(verdict: Verdict, moved: boolean, admitted: AdmissionRow | undefined, request: CheckinRequest): Pick<Checkin, 'result' | 'reason' | 'admission'> {
  if (!verdict.move || moved) return { result: verdict.result, reason: verdict.reason, admission: null };
  // An exit that moved nothing: the ticket never entered or has already left. Answering `ok`
  // told the gate someone left who was not inside (a ticket passed back out, a scan at the wrong
  // door) and stored a successful exit that never happened; `invalid` makes the gate stop them.
  if (request.type === 'exit') return { result: 'invalid', reason: 'not_inside', admission: null };
  // Staff tell a mistaken re-scan from a passed-on ticket by when and where it got in.
  const admission = admitted ? { checkinId: admitted.id, scannerId: admitted.scanner_id, createdAt: admitted.created_at } : null;
  return { result: 'already_redeemed', reason: verdict.move.allowReentry ? 'already_inside' : 'already_used', admission };
}

/** A stored check-in as it was answered. Answers stored before `admission`, `opensAt` or `reentry` existed lack them; they named none. */
export function storedAnswer(row: CheckinsTable): Checkin {
  return { admission: null, opensAt: null, reentry: null, ...(JSON.parse(row.response) as Omit<Checkin, 'admission' | 'opensAt' | 'reentry'>) };
}

function requestHash(request: CheckinRequest): string {
  // The event is appended only when named, so a nonce stored before gates named one still replays.
  const scope = request.batch_id ? [request.batch_id] : [];
  return sha256(JSON.stringify([request.payload, request.type, request.scanner_id ?? null, ...scope])).toString('hex');
}

function replay(row: CheckinsTable, hash: string): Checkin {
  if (row.request_hash !== hash) {
    throw new AppError('idempotency_key_reused', 'This nonce was already used for a different check-in; send a new nonce for a new scan.', {
      errors: [{ field: 'body/nonce', message: 'was used for another request' }],
    });
  }
  return storedAnswer(row);
}

// What the scanner was told, so a receiver need not ask the API again. Receivers read the first
// fields (`short_code`, `checked_in_at`) since the event exists: they stay, `checked_in_at` being
// `created_at` under the name it had when only admissions were thought of.
function checkinEvent(accountId: string, checkin: Checkin): EmitEventInput {
  const { ticket, admission } = checkin;
  return {
    accountId,
    type: 'checkin.created',
    occurredAt: checkin.createdAt,
    data: {
      checkin: {
        id: checkin.id,
        result: checkin.result,
        reason: checkin.reason,
        type: checkin.type,
        campaign_id: checkin.campaignId,
        batch_id: checkin.batchId,
        scanner_id: checkin.scannerId,
        short_code: ticket?.shortCode ?? null,
        ticket: ticket ? { short_code: ticket.shortCode, destination: ticket.destination, name: ticket.name } : null,
        admission: admission ? { checkin_id: admission.checkinId, scanner_id: admission.scannerId, created_at: toIso(admission.createdAt) } : null,
        opens_at: checkin.opensAt === null ? null : toIso(checkin.opensAt),
        reentry: checkin.reentry,
        created_at: toIso(checkin.createdAt),
        checked_in_at: toIso(checkin.createdAt),
      },
    },
  };
}

/** A gate: the account and its mode, and the one event a check-in key is kept to. */
export type Gate = CampaignCaller & { keyEvent?: string | null };

/**
 * Checks a scanned ticket in (or out). A repeated nonce returns the first answer with `replayed`.
 * A key kept to one event is a gate kept to that event whether or not it says so.
 */
export async function checkIn(ctx: Ctx, caller: Gate, scan: CheckinRequest): Promise<{ checkin: Checkin; replayed: boolean }> {
  const { accountId } = caller;
  const gateEvent = keptToKeyEvent(caller.keyEvent ?? null, scan.batch_id) ?? null;
  const request = gateEvent === (scan.batch_id ?? null) ? scan : { ...scan, batch_id: gateEvent ?? undefined };
  const hash = requestHash(request);
  const nonce = request.nonce ?? null;
  if (nonce) {
    const prior = await findCheckinByNonce(ctx.db, accountId, nonce);
    if (prior) return { checkin: replay(prior, hash), replayed: true };
  }
  const verdict = await judge(ctx, caller, request);
  // What a gate kept to one event refuses counts toward that event (its log, figures and
  // webhooks), so the event must be the account's (404 otherwise: the gate is misconfigured), and a
  // test key must not write into a live one's record, as it may not admit its tickets.
  if (gateEvent && verdict.campaign?.batchId !== gateEvent) {
    const { livemode } = await batchMode(ctx, accountId, gateEvent);
    if (caller.testMode && livemode) throw testKeyRefused(`check in at event '${gateEvent}'`, 'it is a live event, and tst keys check in only at the test events they make');
  }
  const id = newId('chk');
  const now = ctx.clock.now();
  const campaign = verdict.campaign;
  // A key kept to one event is told nothing of another's ticket: its short link alone (no token)
  // finds it, and its name is an attendee's. The answer, and so the log, keeps its id only.
  const shown = campaign && (!caller.keyEvent || campaign.batchId === caller.keyEvent) ? campaign : null;
  let answer: Checkin | undefined;
  const build = (moved: boolean, admitted: AdmissionRow | undefined): CheckinsTable => {
    const told = outcome(verdict, moved, admitted, request);
    answer = {
      id,
      ...told,
      type: request.type,
      campaignId: campaign?.id ?? null,
      batchId: gateEvent ?? campaign?.batchId ?? null,
      scannerId: request.scanner_id ?? null,
      ticket: shown ? { shortCode: shown.shortCode, destination: shown.destination, name: shown.name } : null,
      // The gate can tell someone who came early when to come back.
      opensAt: verdict.reason === 'not_yet_active' ? (campaign?.activeFrom ?? null) : null,
      // An exit is never refused for the re-entry policy, so the gate is told it with the exit:
      // "left" alone let a steward wave out someone whose ticket would then be turned away.
      reentry: told.reason === 'left' ? (verdict.move?.allowReentry ?? null) : null,
      createdAt: now,
    };
    return {
      id,
      account_id: accountId,
      campaign_id: answer.campaignId,
      batch_id: answer.batchId,
      type: answer.type,
      result: answer.result,
      scanner_id: answer.scannerId,
      nonce,
      request_hash: hash,
      response: JSON.stringify(answer),
      created_at: now,
    };
  };
  try {
    await commitCheckin(ctx.db, verdict.move, build, (trx) => emitEvent(trx, checkinEvent(accountId, answer!)));
  } catch (error) {
    // A concurrent retry with the same nonce committed first: answer what it answered.
    if (!nonce || !isUniqueViolation(error)) throw error;
    const prior = await findCheckinByNonce(ctx.db, accountId, nonce);
    if (!prior) throw error;
    return { checkin: replay(prior, hash), replayed: true };
  }
  return { checkin: answer!, replayed: false };
}

/** A page of the account's check-ins (of the key's event, if kept to one), newest first, and the next page's cursor. */
export async function listCheckins(ctx: Pick<AppContext, 'db'>, { accountId, keyEvent }: CheckinReader, requested: CheckinFilter, limit: number, cursor?: Cursor): Promise<Page<Checkin>> {
  const filter = logFilterFor(requested, keyEvent);
  await assertFilterTargets(ctx, accountId, filter);
  const page = await fetchPage(limit, (take) => listRows(ctx.db, accountId, filter, take, cursor));
  return mapPage(page, storedAnswer);
}
