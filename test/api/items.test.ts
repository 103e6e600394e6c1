import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../helpers/app.ts';
import { describeDialects } from '../helpers/dialects.ts';
import { clientHmac, createItemViaApi, resolveViaApi, SEED_ITEM } from '../helpers/items.ts';

const SEED_FIELDS = ['magic', 'publicUrl', 'createdUtc', 'expiresUtc', 'viewCount', 'viewLimit', 'passwordProtected', 'deleteToken', 'content', 'contentHmac', 'state'];

describeDialects('items API', (dialect) => {
  let t: TestApp;
  beforeEach(async () => {
    t = await createTestApp(dialect);
  });
  afterEach(async () => {
    await t.close();
  });

  describe('the seed handshake: create → resolve → delete', () => {
    it('answers with the seed fields and status codes, and the receipt verifies from the client side', async () => {
      const created = await t.app.inject({ method: 'POST', url: '/api/v0/items', payload: SEED_ITEM });
      expect(created.statusCode).toBe(201);
      expect(created.headers['content-type']).toMatch(/^application\/json/);
      expect(created.headers['cache-control']).toBe('no-store');
      const item = created.json();
      expect(Object.keys(item)).toEqual(SEED_FIELDS);
      expect(item.magic).toMatch(/^[0-9A-Za-z]{22}$/);
      expect(item.publicUrl).toBe(`http://tessera.test/i/${item.magic}`);
      expect(item.createdUtc).toBe('2026-03-01T12:00:00.000Z');
      expect(item.expiresUtc).toBe('2026-03-01T13:00:00.000Z');
      expect(item).toMatchObject({ viewCount: 0, viewLimit: 5, passwordProtected: true, content: null, state: 'ACTIVE' });
      expect(item.deleteToken).toMatch(/^[A-Za-z0-9_-]{43}$/);
      expect(item.contentHmac).toBe(clientHmac(item.magic, SEED_ITEM.content));
      expect(created.headers['x-content-hmac']).toBe(item.contentHmac);

      const resolved = await resolveViaApi(t.app, item.magic, SEED_ITEM.password);
      expect(resolved.statusCode).toBe(200);
      expect(resolved.headers['cache-control']).toBe('no-store');
      const body = resolved.json();
      expect(Object.keys(body)).toEqual(SEED_FIELDS);
      expect(body).toMatchObject({
        magic: item.magic,
        publicUrl: item.publicUrl,
        viewCount: 1,
        viewLimit: 5,
        passwordProtected: true,
        deleteToken: null,
        content: SEED_ITEM.content,
        contentHmac: item.contentHmac,
      });
      // The client recomputes the receipt from the magic it holds and the content it received.
      expect(resolved.headers['x-content-hmac']).toBe(clientHmac(item.magic, body.content));

      const deleted = await t.app.inject({ method: 'DELETE', url: `/api/v0/items/${item.magic}`, headers: { 'x-delete-token': item.deleteToken } });
      expect(deleted.statusCode).toBe(204);
      expect(deleted.body).toBe('');
      expect(deleted.headers['cache-control']).toBe('no-store');

      const after = await resolveViaApi(t.app, item.magic, SEED_ITEM.password);
      expect(after.statusCode).toBe(404);
      expect(after.headers['content-type']).toMatch(/^application\/problem\+json/);
      expect(after.headers['cache-control']).toBe('no-store');
      expect(after.json()).toMatchObject({ status: 404, code: 'not_found' });
    });

    it('each successful resolve spends exactly one view', async () => {
      const item = await createItemViaApi(t.app, { content: 'x', ttlHours: 1, viewLimit: 3 });
      const counts = [];
      for (let i = 0; i < 3; i++) counts.push((await resolveViaApi(t.app, item.magic)).json().viewCount);
      expect(counts).toEqual([1, 2, 3]);
    });

    it('an item without password or view limit resolves with viewLimit null', async () => {
      const item = await createItemViaApi(t.app, { content: 'open', ttlHours: 0.5 });
      expect(item).toMatchObject({ viewLimit: null, passwordProtected: false, expiresUtc: '2026-03-01T12:30:00.000Z' });
      const res = await resolveViaApi(t.app, item.magic);
      expect(res.json()).toMatchObject({ content: 'open', viewCount: 1, viewLimit: null });
    });

    it('round-trips non-ASCII content and a UTF-8 password sent as header bytes', async () => {
      const content = 'Grüße 👋 — 日本語\n<script>alert(1)</script>';
      const item = await createItemViaApi(t.app, { content, password: 'pässwörd', ttlHours: 1 });
      expect(item.contentHmac).toBe(clientHmac(item.magic, content));
      // What a client puts on the wire: UTF-8 bytes, which Node hands over as latin1 characters.
      const res = await resolveViaApi(t.app, item.magic, Buffer.from('pässwörd', 'utf8').toString('latin1'));
      expect(res.statusCode).toBe(200);
      expect(res.json().content).toBe(content);
    });
  });

  describe('deterministic failures', () => {
    it('unknown magic → 404 (also malformed ones), on resolve and delete', async () => {
      for (const magic of ['AAAAAAAAAAAAAAAAAAAAAA', 'nope', '%E2%98%83', 'a'.repeat(100)]) {
        const res = await resolveViaApi(t.app, magic);
        expect(res.statusCode, magic).toBe(404);
        expect(res.json().code).toBe('not_found');
      }
      const del = await t.app.inject({ method: 'DELETE', url: '/api/v0/items/AAAAAAAAAAAAAAAAAAAAAA', headers: { 'x-delete-token': 'x' } });
      expect(del.statusCode).toBe(404);
    });

    it('missing or wrong password → 401 and no view spent', async () => {
      const item = await createItemViaApi(t.app, SEED_ITEM);
      const missing = await resolveViaApi(t.app, item.magic);
      expect(missing.statusCode).toBe(401);
      expect(missing.headers['cache-control']).toBe('no-store');
      expect(missing.json()).toMatchObject({ code: 'item_password_required', status: 401 });
      const wrong = await resolveViaApi(t.app, item.magic, 'not-the-password');
      expect(wrong.statusCode).toBe(401);
      expect(wrong.json()).toMatchObject({ code: 'item_password_invalid', attemptsLeft: 9, detail: expect.stringContaining('9 more wrong passwords from your network') });
      expect(JSON.stringify(wrong.json())).not.toContain(SEED_ITEM.content);
      const right = await resolveViaApi(t.app, item.magic, SEED_ITEM.password);
      expect(right.json().viewCount).toBe(1);
    });

    it('view limit reached → 410 item_exhausted with the final state', async () => {
      const item = await createItemViaApi(t.app, { content: 'once', ttlHours: 1, viewLimit: 1 });
      expect((await resolveViaApi(t.app, item.magic)).json()).toMatchObject({ viewCount: 1, state: 'FINALIZED' });
      const res = await resolveViaApi(t.app, item.magic);
      expect(res.statusCode).toBe(410);
      expect(res.headers['cache-control']).toBe('no-store');
      expect(res.json()).toMatchObject({
        code: 'item_exhausted',
        status: 410,
        state: 'FINALIZED',
        reason: 'view_limit_reached',
        viewCount: 1,
        viewLimit: 1,
        expiresUtc: item.expiresUtc,
        finalizedUtc: '2026-03-01T12:00:00.000Z',
        contentHmac: clientHmac(item.magic, 'once'),
      });
      expect(res.json().content).toBeUndefined();
    });

    it('expired → 410 item_expired with the final state; the receipt stays out when password protected', async () => {
      const item = await createItemViaApi(t.app, SEED_ITEM);
      await resolveViaApi(t.app, item.magic, SEED_ITEM.password);
      t.clock.advance(3_600_000);
      const res = await resolveViaApi(t.app, item.magic, SEED_ITEM.password);
      expect(res.statusCode).toBe(410);
      expect(res.json()).toMatchObject({ code: 'item_expired', state: 'FINALIZED', reason: 'expired', viewCount: 1, viewLimit: 5, finalizedUtc: item.expiresUtc, passwordProtected: true });
      expect(res.json()).not.toHaveProperty('contentHmac');
    });

    it('expiry is exact: valid 1 ms before expiresUtc, gone at it', async () => {
      const item = await createItemViaApi(t.app, { content: 'x', ttlHours: 1 });
      t.clock.advance(3_600_000 - 1);
      expect((await resolveViaApi(t.app, item.magic)).statusCode).toBe(200);
      t.clock.advance(1);
      expect((await resolveViaApi(t.app, item.magic)).statusCode).toBe(410);
    });

    it('wrong or missing delete token → 403, and the item stays resolvable', async () => {
      const item = await createItemViaApi(t.app, { content: 'keep', ttlHours: 1 });
      const wrong = await t.app.inject({
        method: 'DELETE',
        url: `/api/v0/items/${item.magic}`,
        headers: { 'x-delete-token': item.deleteToken.slice(0, -1) + (item.deleteToken.endsWith('A') ? 'B' : 'A') },
      });
      expect(wrong.statusCode).toBe(403);
      expect(wrong.json()).toMatchObject({ code: 'item_delete_token_invalid' });
      const missing = await t.app.inject({ method: 'DELETE', url: `/api/v0/items/${item.magic}` });
      expect(missing.statusCode).toBe(403);
      expect((await resolveViaApi(t.app, item.magic)).statusCode).toBe(200);
    });

    it('a finalized item can still be deleted by its owner, and is 404 afterwards', async () => {
      const item = await createItemViaApi(t.app, { content: 'x', ttlHours: 1 });
      t.clock.advance(2 * 3_600_000);
      const del = await t.app.inject({ method: 'DELETE', url: `/api/v0/items/${item.magic}`, headers: { 'x-delete-token': item.deleteToken } });
      expect(del.statusCode).toBe(204);
      expect((await resolveViaApi(t.app, item.magic)).statusCode).toBe(404);
    });
  });

  describe('password guessing is limited per item', () => {
    it('10 wrong passwords lock the item for 15 minutes (even the right one, 429 + Retry-After), spending no view', async () => {
      const item = await createItemViaApi(t.app, SEED_ITEM);
      for (let i = 0; i < 10; i++) expect((await resolveViaApi(t.app, item.magic, `guess-${i}`)).statusCode).toBe(401);
      t.clock.advance(60_000);
      const locked = await resolveViaApi(t.app, item.magic, SEED_ITEM.password);
      expect(locked.statusCode).toBe(429);
      expect(locked.json()).toMatchObject({ code: 'too_many_attempts', retryAfterSeconds: 14 * 60 });
      expect(locked.headers['retry-after']).toBe(String(14 * 60));
      t.clock.advance(14 * 60_000);
      const open = await resolveViaApi(t.app, item.magic, SEED_ITEM.password);
      expect(open.statusCode).toBe(200);
      expect(open.json().viewCount).toBe(1);
    });

    it('right passwords do not count towards the limit', async () => {
      const item = await createItemViaApi(t.app, { ...SEED_ITEM, viewLimit: 20 });
      for (let i = 0; i < 9; i++) expect((await resolveViaApi(t.app, item.magic, 'wrong')).statusCode).toBe(401);
      for (let i = 0; i < 5; i++) expect((await resolveViaApi(t.app, item.magic, SEED_ITEM.password)).statusCode).toBe(200);
      expect((await resolveViaApi(t.app, item.magic, 'wrong')).statusCode).toBe(401);
      expect((await resolveViaApi(t.app, item.magic, SEED_ITEM.password)).statusCode).toBe(429);
    });

    it('a burst of parallel guesses cannot get past 10', async () => {
      const item = await createItemViaApi(t.app, SEED_ITEM);
      const results = await Promise.all(Array.from({ length: 30 }, (_, i) => resolveViaApi(t.app, item.magic, `burst-${i}`)));
      const codes = results.map((r) => r.statusCode);
      expect(codes.filter((c) => c === 401)).toHaveLength(10);
      expect(codes.filter((c) => c === 429)).toHaveLength(20);
    });
  });

  describe('password guessing is limited per network too', () => {
    const from = (remoteAddress: string, magic: string, password: string) => t.app.inject({ method: 'GET', url: `/api/v0/items/${magic}`, headers: { 'x-qr-password': password }, remoteAddress });

    it('ten wrong passwords from one network lock only that network: the recipient elsewhere still opens the item', async () => {
      const item = await createItemViaApi(t.app, SEED_ITEM);
      for (let i = 0; i < 10; i++) expect((await from('203.0.113.7', item.magic, `guess-${i}`)).statusCode).toBe(401);
      const locked = await from('203.0.113.7', item.magic, SEED_ITEM.password);
      expect(locked.statusCode).toBe(429);
      expect(locked.json().detail).toMatch(/from your network/);
      const recipient = await from('198.51.100.20', item.magic, SEED_ITEM.password);
      expect(recipient.statusCode).toBe(200);
      expect(recipient.json().content).toBe(SEED_ITEM.content);
      // An IPv6 subscriber's whole /64 is one network; another /64 is not.
      for (let i = 0; i < 10; i++) expect((await from(`2001:db8:1:2::${i + 1}`, item.magic, `v6-${i}`)).statusCode).toBe(401);
      expect((await from('2001:db8:1:2:ffff::9', item.magic, SEED_ITEM.password)).statusCode).toBe(429);
      expect((await from('2001:db8:1:3::1', item.magic, SEED_ITEM.password)).statusCode).toBe(200);
    });

    it('fifty wrong passwords from many networks lock the item for everyone until the window ends; ended counters are swept', async () => {
      const item = await createItemViaApi(t.app, { ...SEED_ITEM, viewLimit: 3 });
      for (let i = 0; i < 50; i++) expect((await from(`192.0.2.${Math.floor(i / 10) + 1}`, item.magic, `spread-${i}`)).statusCode).toBe(401);
      const everyone = await from('198.51.100.20', item.magic, SEED_ITEM.password);
      expect(everyone.statusCode).toBe(429);
      expect(everyone.json().detail).not.toMatch(/your network/);
      expect(await t.app.ctx.db.selectFrom('item_password_clients').select('client').execute()).toHaveLength(5);
      t.clock.advance(15 * 60_000);
      expect((await from('198.51.100.20', item.magic, SEED_ITEM.password)).statusCode).toBe(200);
      const { sweepPasswordClients } = await import('../../src/modules/items/item-archival.ts');
      expect(await sweepPasswordClients(t.app.ctx, 15 * 60_000)).toBe(0);
      t.clock.advance(15 * 60_000);
      expect(await sweepPasswordClients(t.app.ctx, 15 * 60_000)).toBe(5);
    });

    // Fifty wrong passwords from five networks no one used before (ten each, their own limit).
    const spread = async (magic: string, window: number) => {
      for (let i = 0; i < 50; i++) expect((await from(`198.18.${window}.${Math.floor(i / 10) + 1}`, magic, `w${window}-${i}`)).statusCode).toBe(401);
    };

    it('the next window of the item-wide limit is twice as long: fifty more wrong passwords lock the item for 30 minutes (then 1 hour, … up to 16)', async () => {
      const item = await createItemViaApi(t.app, { ...SEED_ITEM, ttlHours: 720 });
      for (const [window, minutes] of [15, 30].entries()) {
        await spread(item.magic, window);
        const locked = await from('198.51.100.20', item.magic, SEED_ITEM.password);
        expect(locked.statusCode, `window ${window}`).toBe(429);
        expect(locked.json().retryAfterSeconds, `window ${window}`).toBe(minutes * 60);
        expect(locked.headers['retry-after']).toBe(String(minutes * 60));
        t.clock.advance(minutes * 60_000 - 1000);
        expect((await from('198.51.100.20', item.magic, SEED_ITEM.password)).statusCode, `window ${window}`).toBe(429);
        t.clock.advance(1000);
      }
      expect((await from('198.51.100.20', item.magic, SEED_ITEM.password)).statusCode).toBe(200);
    });
  });

  it('content that cannot be decrypted costs no view: the error comes before the view is spent', async () => {
    const item = await createItemViaApi(t.app, { content: 'sealed', ttlHours: 1, viewLimit: 1 });
    const { ciphertext } = await t.app.ctx.db.selectFrom('items').select('ciphertext').executeTakeFirstOrThrow();
    // A byte of the sealed content changed (a damaged copy, or another master key's data).
    // Flip a bit of the sealed bytes: editing a base64 character can leave them unchanged.
    const [version, sealed] = ciphertext!.split('.');
    const bytes = Buffer.from(sealed!, 'base64url');
    bytes[bytes.length - 1]! ^= 1;
    const damaged = `${version}.${bytes.toString('base64url')}`;
    expect(damaged).not.toBe(ciphertext);
    await t.app.ctx.db.updateTable('items').set({ ciphertext: damaged }).execute();
    expect((await resolveViaApi(t.app, item.magic)).statusCode).toBe(500);
    expect((await t.app.ctx.db.selectFrom('items').select('view_count').executeTakeFirstOrThrow()).view_count).toBe(0);
    await t.app.ctx.db.updateTable('items').set({ ciphertext }).execute();
    expect((await resolveViaApi(t.app, item.magic)).json()).toMatchObject({ content: 'sealed', viewCount: 1 });
  });

  describe('create validation', () => {
    const bad: Array<[string, unknown, string]> = [
      ['missing ttlHours', { content: 'x' }, 'body/ttlHours'],
      ['missing content', { ttlHours: 1 }, 'body/content'],
      ['empty content', { content: '', ttlHours: 1 }, 'body/content'],
      ['ttlHours 0', { content: 'x', ttlHours: 0 }, 'body/ttlHours'],
      ['ttlHours above 720', { content: 'x', ttlHours: 721 }, 'body/ttlHours'],
      ['negative ttlHours', { content: 'x', ttlHours: -1 }, 'body/ttlHours'],
      ['viewLimit 0', { content: 'x', ttlHours: 1, viewLimit: 0 }, 'body/viewLimit'],
      ['fractional viewLimit', { content: 'x', ttlHours: 1, viewLimit: 1.5 }, 'body/viewLimit'],
      ['huge viewLimit', { content: 'x', ttlHours: 1, viewLimit: 10_000_001 }, 'body/viewLimit'],
      ['empty password', { content: 'x', ttlHours: 1, password: '' }, 'body/password'],
      ['content not a string', { content: { a: 1 }, ttlHours: 1 }, 'body/content'],
      ['unknown field', { content: 'x', ttlHours: 1, ttl: 5 }, 'body/ttl'],
    ];
    for (const [name, payload, field] of bad) {
      it(`${name} → 400 naming ${field}`, async () => {
        const res = await t.app.inject({ method: 'POST', url: '/api/v0/items', payload: payload as object });
        expect(res.statusCode, res.body).toBe(400);
        expect(res.json().code).toBe('validation_failed');
        expect(res.json().errors.map((e: { field: string }) => e.field)).toContain(field);
      });
    }

    it('a password HTTP cannot carry in X-QR-Password (spaces or tabs at its ends, control characters) → 400 naming it, nothing stored', async () => {
      // HTTP strips spaces and tabs around a header value and refuses control characters, so such
      // an item answered every API resolve with item_password_invalid and locked its recipient out.
      for (const password of [' secret', 'secret ', '\tsecret', 'sec\nret', 'sec\u007fret', 'sec\u0001ret']) {
        const res = await t.app.inject({ method: 'POST', url: '/api/v0/items', payload: { content: 'x', ttlHours: 1, password } });
        expect(res.statusCode, JSON.stringify(password)).toBe(400);
        expect(res.json().code).toBe('validation_failed');
        expect(res.json().errors.map((e: { field: string }) => e.field)).toContain('body/password');
        expect(res.json().detail).toContain('X-QR-Password');
      }
      expect(await t.database.handle.db.selectFrom('items').select('id').execute()).toEqual([]);
      // Spaces inside, and a no-break space at an end (which HTTP keeps), still travel.
      for (const password of ['correct horse', '\u00a0secret\u00a0']) {
        const item = await createItemViaApi(t.app, { content: 'x', ttlHours: 1, password });
        const res = await resolveViaApi(t.app, item.magic, Buffer.from(password, 'utf8').toString('latin1'));
        expect(res.statusCode, JSON.stringify(password)).toBe(200);
      }
    });

    it('fractional ttlHours are allowed', async () => {
      const item = await createItemViaApi(t.app, { content: 'x', ttlHours: 0.25 });
      expect(item.expiresUtc).toBe('2026-03-01T12:15:00.000Z');
    });

    it('malformed JSON → 400, unpaired surrogate → 400, no row written', async () => {
      const malformed = await t.app.inject({ method: 'POST', url: '/api/v0/items', headers: { 'content-type': 'application/json' }, payload: '{"content": "x", ' });
      expect(malformed.statusCode).toBe(400);
      expect(malformed.json().code).toBe('malformed_json');
      const surrogate = await t.app.inject({ method: 'POST', url: '/api/v0/items', headers: { 'content-type': 'application/json' }, payload: '{"content":"\\ud800","ttlHours":1}' });
      expect(surrogate.statusCode).toBe(400);
      expect(surrogate.json().errors[0].field).toBe('body/content');
      expect(await t.database.handle.db.selectFrom('items').select('id').execute()).toEqual([]);
    });

    it('content over 64 KiB of UTF-8 → 413 stating the limit; exactly 64 KiB is accepted', async () => {
      await createItemViaApi(t.app, { content: 'a'.repeat(65_536), ttlHours: 1 });
      // 21 846 three-byte characters: under 64 Ki characters, but 65 538 bytes.
      const res = await t.app.inject({ method: 'POST', url: '/api/v0/items', payload: { content: '€'.repeat(21_846), ttlHours: 1 } });
      expect(res.statusCode).toBe(413);
      expect(res.json()).toMatchObject({ code: 'payload_too_large', limitBytes: 65_536, actualBytes: 65_538 });
      expect(res.json().detail).toContain('65536');
    });

    it('a body far over the limit is refused before parsing with 413 problem+json', async () => {
      const res = await t.app.inject({ method: 'POST', url: '/api/v0/items', headers: { 'content-type': 'application/json' }, payload: JSON.stringify({ content: 'a'.repeat(600_000), ttlHours: 1 }) });
      expect(res.statusCode).toBe(413);
      expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
      expect(res.headers['cache-control']).toBe('no-store');
    });
  });

  describe('lifecycle state', () => {
    it('BOUND when one view is left, FINALIZED after the last', async () => {
      const item = await createItemViaApi(t.app, { content: 'x', ttlHours: 10, viewLimit: 3 });
      expect(item.state).toBe('ACTIVE');
      expect((await resolveViaApi(t.app, item.magic)).json().state).toBe('ACTIVE');
      expect((await resolveViaApi(t.app, item.magic)).json().state).toBe('BOUND');
      expect((await resolveViaApi(t.app, item.magic)).json().state).toBe('FINALIZED');
    });

    it('a one-view item is BOUND from creation', async () => {
      expect((await createItemViaApi(t.app, { content: 'x', ttlHours: 1, viewLimit: 1 })).state).toBe('BOUND');
    });

    it('BOUND in the last tenth of the lifetime', async () => {
      const item = await createItemViaApi(t.app, { content: 'x', ttlHours: 10 });
      t.clock.advance(9 * 3_600_000 - 1);
      expect((await resolveViaApi(t.app, item.magic)).json().state).toBe('ACTIVE');
      t.clock.advance(1);
      expect((await resolveViaApi(t.app, item.magic)).json().state).toBe('BOUND');
    });
  });

  it('attributes nothing to an account when anonymous', async () => {
    const item = await createItemViaApi(t.app, { content: 'x', ttlHours: 1 });
    const row = await t.database.handle.db.selectFrom('items').select('account_id').executeTakeFirstOrThrow();
    expect(row.account_id).toBeNull();
    expect(item.magic).toBeTruthy();
  });

  it('documents the items API in OpenAPI with every failure status', async () => {
    const spec = (await t.app.inject({ method: 'GET', url: '/openapi.json' })).json();
    const resolve = spec.paths['/api/v0/items/{magic}'].get;
    // 400 on every operation: the edge refuses NUL and unpaired surrogates in any query.
    // 500 and 503 (database unavailable) on every operation, 413/415 on every body-bearing method.
    expect(Object.keys(resolve.responses).sort()).toEqual(['200', '400', '401', '404', '410', '429', '500', '503']);
    expect(Object.keys(spec.paths['/api/v0/items/{magic}'].delete.responses).sort()).toEqual(['204', '400', '403', '404', '413', '415', '500', '503']);
    // 409 and 422 come from Idempotency-Key; 429 from the anonymous create limit.
    expect(Object.keys(spec.paths['/api/v0/items'].post.responses).sort()).toEqual(['201', '400', '401', '403', '409', '413', '415', '422', '429', '500', '503']);
    expect(spec.paths['/api/v0/items'].post.responses['429'].headers['Retry-After'].schema).toMatchObject({ type: 'integer' });
    expect(resolve.description).toContain('HMAC-SHA256');
    expect(resolve.responses['200'].headers['X-Content-Hmac'].schema).toMatchObject({ type: 'string' });
    expect(spec.paths['/api/v0/items'].post.responses['201'].headers['X-Content-Hmac'].schema).toMatchObject({ type: 'string' });
    expect(resolve.description).toContain('BOUND');
  });
});
