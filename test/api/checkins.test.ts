import { createHmac } from 'node:crypto';
import { afterEach, expect, it } from 'vitest';
import { authHeaders, sessionHeaders, signUp } from '../helpers/accounts.ts';
import { createTestApp, type TestApp } from '../helpers/app.ts';
import { type CheckinAnswer as Answer, postCheckin as checkIn, liveTicketUrl as live, scanTicket as result, createTicket as ticket, type TicketCode as Created } from '../helpers/checkins.ts';
import { decodeSvg } from '../helpers/decode-qr.ts';
import { describeDialects } from '../helpers/dialects.ts';
import { type Tenant, tenant } from '../helpers/tenants.ts';

describeDialects('check-in', (dialect) => {
  const apps: TestApp[] = [];
  afterEach(async () => {
    // Second instances first: they share the first one's database.
    for (const app of apps.reverse()) await app.close();
    apps.length = 0;
  });

  async function start(): Promise<{ t: TestApp; me: Tenant }> {
    const t = await createTestApp(dialect);
    apps.push(t);
    return { t, me: await tenant(t) };
  }

  it('a tst key checks in only test tickets: on a live one it is a 403 that records nothing, and the ticket still admits once', async () => {
    const { t, me } = await start();
    const created = await t.app.inject({ method: 'POST', url: '/api/v1/merchant/api-keys', headers: me.headers, payload: { env: 'tst', name: 'gate on a test key' } });
    expect(created.statusCode, created.body).toBe(201);
    const gate: Tenant = { ...me, headers: authHeaders(created.json().data.full_key) };
    const liveTicket = await ticket(t, me);
    const refused = await checkIn(t, gate, { payload: live(t, liveTicket), type: 'entry', scanner_id: 'gate-t' });
    expect([refused.statusCode, refused.json().code]).toEqual([403, 'forbidden']);
    expect(refused.json().detail).toBe(
      `A tst key cannot check in tickets of campaign '${liveTicket.id}': it is a live campaign, and tst keys check in only the test tickets they make. Use a prd key or the dashboard.`,
    );
    expect((await t.app.inject({ method: 'GET', url: `/api/v1/checkins?campaign_id=${liveTicket.id}`, headers: me.headers })).json().data).toEqual([]);
    expect((await result(t, me, { payload: live(t, liveTicket), type: 'entry' })).reason).toBe('admitted');
    // Its own test tickets it checks in as any gate does.
    const testTicket = await ticket(t, gate);
    expect((await result(t, gate, { payload: live(t, testTicket), type: 'entry' })).reason).toBe('admitted');
  });

  it('the decoded live image checks in once: ok, then already_redeemed', async () => {
    const { t, me } = await start();
    const code = await ticket(t, me);
    const at = String(t.clock.now());
    const image = await t.app.inject({ method: 'GET', url: `/api/render/${code.short_code}.svg?t=${at}&sig=${createHmac('sha256', code.secret_key!).update(at).digest('hex')}` });
    const scanned = (await decodeSvg(image.body)).zxing!;
    expect(scanned).toBe(live(t, code));

    const first = await result(t, me, { payload: scanned, type: 'entry', scanner_id: 'gate-1' });
    expect(first).toMatchObject({
      result: 'ok',
      reason: 'admitted',
      type: 'entry',
      campaign_id: code.id,
      batch_id: null,
      scanner_id: 'gate-1',
      ticket: { short_code: code.short_code, destination: 'https://example.com/ticket/42', name: 'Attendee 0042' },
    });
    expect(first.checkin_id).toMatch(/^chk_/);
    expect(first.created_at).toBe(new Date(t.clock.now()).toISOString());
    const second = await result(t, me, { payload: scanned });
    expect([second.result, second.reason, second.type]).toEqual(['already_redeemed', 'already_used', 'entry']);
    expect(second.checkin_id).not.toBe(first.checkin_id);
  });

  it('answers expired, invalid and revoked for what is not a live, active ticket of the caller', async () => {
    const { t, me } = await start();
    const code = await ticket(t, me);
    const screenshot = live(t, code);
    t.clock.advance(2 * 30_000);
    const stale = await result(t, me, { payload: screenshot });
    expect([stale.result, stale.reason, stale.campaign_id]).toEqual(['expired', 'token_stale', code.id]);
    expect((await result(t, me, { payload: `http://tessera.test/${code.short_code}` })).result).toBe('expired');
    expect((await result(t, me, { payload: `http://tessera.test/${code.short_code}?k=bad` })).result).toBe('invalid');
    expect((await result(t, me, { payload: 'just some text' })).result).toBe('invalid');
    expect((await result(t, me, { payload: live(t, code).replace('http://tessera.test', 'https://evil.example') })).result).toBe('invalid');
    expect((await result(t, me, { payload: 'http://tessera.test/ZZZZZZZ?k=AAAAAAAAAAAAAAAA' })).result).toBe('invalid');

    // A dynamic code is no ticket.
    const dynamic = (
      await t.app.inject({ method: 'POST', url: '/api/v1/campaigns', headers: me.headers, payload: { name: 'd', destination: 'https://example.com/', qr_type: 'dynamic' } })
    ).json() as Created;
    const notTicket = await result(t, me, { payload: `http://tessera.test/${dynamic.short_code}` });
    expect([notTicket.result, notTicket.reason]).toEqual(['invalid', 'not_a_ticket']);

    // Another account's live ticket reads like an unknown one: no ticket details leak.
    const other = await tenant(t);
    const foreign = await result(t, other, { payload: live(t, code) });
    expect(foreign).toMatchObject({ result: 'invalid', reason: 'unknown_ticket', campaign_id: null, ticket: null });

    // Archived → revoked.
    await t.app.inject({ method: 'DELETE', url: `/api/v1/campaigns/${code.id}`, headers: me.headers });
    expect((await result(t, me, { payload: live(t, code) })).result).toBe('revoked');
    // Still never admitted.
    const log = (await t.app.inject({ method: 'GET', url: `/api/v1/checkins?campaign_id=${code.id}`, headers: me.headers })).json() as { data: Answer[] };
    expect(log.data.some((a) => a.result === 'ok')).toBe(false);
  });

  it('one entry per ticket by default; an exit re-admits only when the code allows re-entry', async () => {
    const { t, me } = await start();
    const once = await ticket(t, me);
    const entered = await result(t, me, { payload: live(t, once) });
    expect([entered.result, entered.reentry]).toEqual(['ok', null]);
    // The exit says the holder has left for good, so the gate can tell them before they go.
    const leaving = await result(t, me, { payload: live(t, once), type: 'exit' });
    expect([leaving.result, leaving.reason, leaving.reentry]).toEqual(['ok', 'left', false]);
    const back = await result(t, me, { payload: live(t, once) });
    expect([back.result, back.reentry]).toEqual(['already_redeemed', null]);

    const again = await ticket(t, me, { name: 'Attendee 0043' });
    const patch = await t.app.inject({ method: 'PATCH', url: `/api/v1/campaigns/${again.id}/morph`, headers: me.headers, payload: { allow_reentry: true } });
    expect(patch.statusCode).toBe(200);
    expect(patch.json()).toMatchObject({ campaign_id: again.id, allow_reentry: true, secret_version: 1, ttl_seconds: 30, step_seconds: 30 });
    expect((await result(t, me, { payload: live(t, again) })).result).toBe('ok');
    const inside = await result(t, me, { payload: live(t, again) });
    expect([inside.result, inside.reason]).toEqual(['already_redeemed', 'already_inside']);
    const out = await result(t, me, { payload: live(t, again), type: 'exit' });
    expect([out.result, out.reentry]).toEqual(['ok', true]);
    expect((await result(t, me, { payload: live(t, again) })).result).toBe('ok');
    // A refused exit names no policy: nobody left.
    const notInside = await result(t, me, { payload: live(t, once), type: 'exit' });
    expect([notInside.reason, notInside.reentry]).toEqual(['not_inside', null]);
    const settings = await t.app.inject({ method: 'GET', url: `/api/v1/campaigns/${again.id}/morph`, headers: me.headers });
    expect(settings.json().allow_reentry).toBe(true);
    expect((await t.app.inject({ method: 'PATCH', url: `/api/v1/campaigns/${again.id}/morph`, headers: me.headers, payload: { allow_reentry: 'yes' } })).statusCode).toBe(400);
  });

  it('an exit of a ticket that is not inside is refused (invalid, not_inside) and moves nothing', async () => {
    const { t, me } = await start();
    const code = await ticket(t, me);
    const never = await result(t, me, { payload: live(t, code), type: 'exit' });
    expect([never.result, never.reason, never.type]).toEqual(['invalid', 'not_inside', 'exit']);
    // The refused exit did not spend the entry, nor count as an exit.
    const entry = await result(t, me, { payload: live(t, code) });
    expect([entry.result, entry.reason]).toEqual(['ok', 'admitted']);
    const out = await result(t, me, { payload: live(t, code), type: 'exit' });
    expect([out.result, out.reason]).toEqual(['ok', 'left']);
    const twice = await result(t, me, { payload: live(t, code), type: 'exit' });
    expect([twice.result, twice.reason]).toEqual(['invalid', 'not_inside']);
    const state = await t.database.handle.db.selectFrom('ticket_state').selectAll().where('campaign_id', '=', code.id).executeTakeFirstOrThrow();
    expect([state.inside, state.entries, state.exits]).toEqual([0, 1, 1]);
    const log = (await t.app.inject({ method: 'GET', url: `/api/v1/checkins?campaign_id=${code.id}`, headers: me.headers })).json() as { data: Answer[] };
    // Stored as answered: one successful exit, two refused ones (same clock, so sorted, not in order).
    expect(
      log.data
        .filter((a) => a.type === 'exit')
        .map((a) => `${a.result}/${a.reason}`)
        .sort(),
    ).toEqual(['invalid/not_inside', 'invalid/not_inside', 'ok/left']);
  });

  it('among 50 concurrent check-ins of one ticket exactly one is ok (two app instances)', async () => {
    const { t, me } = await start();
    const second = await createTestApp(dialect, { database: t.database, clock: t.clock });
    apps.push(second);
    await tenant(second); // installs the test auth hook on the second instance too
    const code = await ticket(t, me);
    const payload = live(t, code);
    const answers = await Promise.all(
      Array.from({ length: 50 }, (_, i) => (i % 2 === 0 ? t : second).app.inject({ method: 'POST', url: '/api/v1/checkins', headers: me.headers, payload: { payload, scanner_id: `gate-${i % 5}` } })),
    );
    expect(answers.map((a) => a.statusCode)).toEqual(Array(50).fill(200));
    const results = answers.map((a) => (a.json() as Answer).result);
    expect(results.filter((r) => r === 'ok')).toHaveLength(1);
    expect(results.filter((r) => r === 'already_redeemed')).toHaveLength(49);
    // Each loser names the winner: it reads the admission after the winner committed.
    const winner = answers.map((a) => a.json() as Answer).find((a) => a.result === 'ok')!;
    const named = answers.map((a) => (a.json() as Answer & { admission: { checkin_id: string } | null }).admission?.checkin_id ?? null);
    expect(named.filter((id) => id === winner.checkin_id)).toHaveLength(49);
    const state = await t.database.handle.db.selectFrom('ticket_state').selectAll().where('campaign_id', '=', code.id).executeTakeFirstOrThrow();
    expect([state.inside, state.entries]).toEqual([1, 1]);
    const rows = await t.database.handle.db.selectFrom('checkins').select(['result']).where('campaign_id', '=', code.id).execute();
    expect(rows).toHaveLength(50);
  });

  it('a repeated nonce returns the first answer, also when the retries race; a reused nonce with another request is refused', async () => {
    const { t, me } = await start();
    const code = await ticket(t, me);
    const payload = live(t, code);
    const first = await checkIn(t, me, { payload, nonce: 'scan-0001' });
    expect(first.headers['idempotent-replayed']).toBeUndefined();
    const retry = await checkIn(t, me, { payload, nonce: 'scan-0001' });
    expect(retry.headers['idempotent-replayed']).toBe('true');
    expect(retry.json()).toEqual(first.json());
    expect((first.json() as Answer).result).toBe('ok');
    // Long after, the retry still gets the first answer (not already_redeemed, not expired).
    t.clock.advance(3_600_000);
    expect((await checkIn(t, me, { payload, nonce: 'scan-0001' })).json()).toEqual(first.json());

    const misuse = await checkIn(t, me, { payload, nonce: 'scan-0001', type: 'exit' });
    expect(misuse.statusCode).toBe(422);
    expect(misuse.json().code).toBe('idempotency_key_reused');

    // Nonces are per account: another account's identical nonce is its own.
    const other = await tenant(t);
    expect((await result(t, other, { payload, nonce: 'scan-0001' })).result).toBe('invalid');

    // Twenty racing retries of one new scan: one stored check-in, one answer.
    const fresh = await ticket(t, me, { name: 'Attendee 0044' });
    const racing = await Promise.all(Array.from({ length: 20 }, () => checkIn(t, me, { payload: live(t, fresh), nonce: 'scan-0002' })));
    const bodies = racing.map((r) => r.json() as Answer);
    expect(new Set(bodies.map((b) => b.checkin_id)).size).toBe(1);
    expect(bodies.every((b) => b.result === 'ok')).toBe(true);
    const stored = await t.database.handle.db.selectFrom('checkins').select('id').where('nonce', '=', 'scan-0002').execute();
    expect(stored).toHaveLength(1);
  });

  it('lists check-ins newest first by ticket or by the bulk batch of tickets, paginated', async () => {
    const { t, me } = await start();
    const bulk = await t.app.inject({
      method: 'POST',
      url: '/api/v1/qrs/bulk',
      headers: me.headers,
      payload: { urls: ['https://example.com/ticket/1', 'https://example.com/ticket/2', 'https://example.com/ticket/3'], qr_type: 'morphing', design_config: {} },
    });
    const { data: codes, batch_id } = bulk.json() as { data: Created[]; batch_id: string };
    for (const code of codes) {
      t.clock.advance(1_000);
      expect((await result(t, me, { payload: live(t, code) })).batch_id).toBe(batch_id);
    }
    const single = await ticket(t, me);
    await result(t, me, { payload: live(t, single) });

    const all = await t.app.inject({ method: 'GET', url: `/api/v1/checkins?batch_id=${batch_id}`, headers: me.headers });
    expect(all.statusCode).toBe(200);
    const listed = (all.json() as { data: Answer[] }).data;
    expect(listed.map((a) => a.campaign_id)).toEqual(codes.map((c) => c.id).reverse());
    const page1 = (await t.app.inject({ method: 'GET', url: `/api/v1/checkins?batch_id=${batch_id}&limit=2`, headers: me.headers })).json() as { data: Answer[]; next_cursor: string };
    expect(page1.data).toHaveLength(2);
    const page2 = (await t.app.inject({ method: 'GET', url: `/api/v1/checkins?batch_id=${batch_id}&limit=2&cursor=${page1.next_cursor}`, headers: me.headers })).json() as {
      data: Answer[];
      next_cursor: string | null;
    };
    expect([...page1.data, ...page2.data].map((a) => a.checkin_id)).toEqual(listed.map((a) => a.checkin_id));
    expect(page2.next_cursor).toBeNull();
    const one = (await t.app.inject({ method: 'GET', url: `/api/v1/checkins?campaign_id=${single.id}`, headers: me.headers })).json() as { data: Answer[] };
    expect(one.data.map((a) => a.campaign_id)).toEqual([single.id]);
    // Another account's batch or campaign, or a mistyped id, is a 404 rather than an empty log
    // that reads as "nobody has checked in yet".
    const other = await tenant(t);
    for (const [query, headers, named] of [
      [`batch_id=${batch_id}`, other.headers, `Batch '${batch_id}'`],
      [`campaign_id=${single.id}`, other.headers, `Campaign '${single.id}'`],
      ['batch_id=bat_nope', me.headers, "Batch 'bat_nope'"],
      ['campaign_id=cmp_nope', me.headers, "Campaign 'cmp_nope'"],
    ] as const) {
      const missing = await t.app.inject({ method: 'GET', url: `/api/v1/checkins?${query}`, headers });
      expect([missing.statusCode, missing.json().code, missing.json().detail], query).toEqual([404, 'not_found', expect.stringContaining(named)]);
    }
    // An empty filter is a mistake too, not "every check-in of the account".
    for (const query of ['batch_id=', 'campaign_id=']) expect((await t.app.inject({ method: 'GET', url: `/api/v1/checkins?${query}`, headers: me.headers })).statusCode, query).toBe(400);
  });

  it('scanners authenticate with an API key (X-API-Key or Bearer) or a dashboard session', async () => {
    const { t } = await start();
    const account = await signUp(t.app);
    const owner: Tenant = { accountId: account.accountId, apiKey: account.apiKey, headers: authHeaders(account.apiKey) };
    const viaKey = await ticket(t, owner);
    expect((await result(t, owner, { payload: live(t, viaKey) })).result).toBe('ok');
    const session: Tenant = { ...owner, headers: sessionHeaders(account) };
    const viaSession = await ticket(t, owner, { name: 'Attendee 0045' });
    t.clock.advance(1_000);
    expect((await result(t, session, { payload: live(t, viaSession) })).result).toBe('ok');
    const list = await t.app.inject({ method: 'GET', url: '/api/v1/checkins', headers: session.headers });
    expect((list.json() as { data: Answer[] }).data.map((a) => a.campaign_id)).toEqual([viaSession.id, viaKey.id]);
    // A session without its CSRF token cannot check in.
    const noCsrf = await t.app.inject({ method: 'POST', url: '/api/v1/checkins', headers: { cookie: account.cookie }, payload: { payload: live(t, viaSession) } });
    expect(noCsrf.statusCode).toBeGreaterThanOrEqual(400);
    expect(noCsrf.statusCode).toBeLessThan(500);
  });

  it('bad requests are clear 4xx answers', async () => {
    const { t, me } = await start();
    expect((await t.app.inject({ method: 'POST', url: '/api/v1/checkins', payload: { payload: 'x' } })).statusCode).toBe(401);
    for (const body of [
      {},
      { payload: '' },
      { payload: 'x', type: 'sideways' },
      { payload: 'x', nonce: '' },
      { payload: 'x', nonce: 'with space' },
      { payload: 'x'.repeat(2049) },
      { payload: 'x', extra: 1 },
    ]) {
      const response = await checkIn(t, me, body);
      expect(response.statusCode, JSON.stringify(body)).toBe(400);
      expect(response.json().code).toBe('validation_failed');
    }
    expect((await t.app.inject({ method: 'GET', url: '/api/v1/checkins?cursor=nope', headers: me.headers })).statusCode).toBe(400);
    expect((await t.app.inject({ method: 'GET', url: '/api/v1/checkins', headers: me.headers })).json()).toEqual({ data: [], next_cursor: null });
  });
});
