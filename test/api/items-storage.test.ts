// What the database holds: no plaintext secret, and what the sweeper leaves behind.
import { afterEach, beforeEach, expect, it } from 'vitest';
import { jobs } from '../../src/modules/jobs.ts';
import { magicHash } from '../../src/modules/items/item-secrets.ts';
import { sweepItems } from '../../src/modules/items/item-archival.ts';
import { createTestApp, type TestApp } from '../helpers/app.ts';
import { describeDialects } from '../helpers/dialects.ts';
import { clientHmac, createItemViaApi, resolveViaApi, SEED_ITEM } from '../helpers/items.ts';

describeDialects('items storage', (dialect) => {
  let t: TestApp;
  beforeEach(async () => {
    t = await createTestApp(dialect);
  });
  afterEach(async () => {
    await t.close();
  });

  const rows = () => t.database.handle.db.selectFrom('items').selectAll().execute();

  it('the stored row holds no plaintext content, password, delete token or magic', async () => {
    const secrets = { content: 'The launch code is 0000-SWORDFISH', password: 'correct horse battery staple' };
    const item = await createItemViaApi(t.app, { ...secrets, ttlHours: 1, viewLimit: 3 });
    const [row] = await rows();
    const stored = Object.values(row!)
      .map((v) => String(v))
      .join('\n');
    for (const secret of [secrets.content, secrets.password, item.deleteToken, item.magic]) {
      expect(stored).not.toContain(secret);
      // Not in the common encodings either.
      expect(stored).not.toContain(Buffer.from(secret).toString('base64'));
      expect(stored).not.toContain(Buffer.from(secret).toString('hex'));
    }
    expect(row!.magic_hash).toBe(magicHash(item.magic));
    expect(row!.password_hash).toMatch(/^\$argon2id\$/);
    expect(row!.ciphertext).toMatch(/^v1\./);
    expect(row!.delete_token_hash).toMatch(/^[0-9a-f]{64}$/);
  });

  it('a different master key cannot decrypt the content (the key is derived from master key and magic)', async () => {
    const item = await createItemViaApi(t.app, { content: 'secret', ttlHours: 1 });
    const other = await createTestApp(dialect, { database: t.database, env: { TESSERA_MASTER_KEY: '11'.repeat(32) }, clock: t.clock });
    try {
      const res = await resolveViaApi(other.app, item.magic);
      expect(res.statusCode).toBe(500);
      expect(res.body).not.toContain('secret');
    } finally {
      await other.close();
    }
  });

  it('a tampered ciphertext is refused, never returned', async () => {
    const item = await createItemViaApi(t.app, { content: 'secret', ttlHours: 1 });
    const [row] = await rows();
    const raw = Buffer.from(row!.ciphertext!.slice(3), 'base64url');
    raw[raw.length - 1]! ^= 1;
    await t.database.handle.db
      .updateTable('items')
      .set({ ciphertext: `v1.${raw.toString('base64url')}` })
      .execute();
    const res = await resolveViaApi(t.app, item.magic);
    expect(res.statusCode).toBe(500);
    expect(res.json().code).toBe('internal_error');
  });

  it('the sweeper archives expired and exhausted items: content and password purged, metadata and receipt kept', async () => {
    const expiring = await createItemViaApi(t.app, { ...SEED_ITEM, ttlHours: 1 });
    const once = await createItemViaApi(t.app, { content: 'once', ttlHours: 24, viewLimit: 1 });
    const live = await createItemViaApi(t.app, { content: 'live', ttlHours: 24 });
    expect((await resolveViaApi(t.app, once.magic)).statusCode).toBe(200);

    expect(await sweepItems({ db: t.database.handle.db, clock: t.clock })).toBe(1); // only the exhausted one so far
    t.clock.advance(3_600_000);
    const job = jobs.find((j) => j.name === 'item-archival')!;
    expect(await job.run(t.app.ctx)).toBe(1); // now the expired one, through the registered job
    expect(await sweepItems({ db: t.database.handle.db, clock: t.clock })).toBe(0);

    const byHash = new Map((await rows()).map((r) => [r.magic_hash, r]));
    for (const archived of [expiring, once]) {
      const row = byHash.get(magicHash(archived.magic))!;
      expect(row.ciphertext).toBeNull();
      expect(row.password_hash).toBeNull();
      expect(row.archived_at).toBe(t.clock.now() - (archived === once ? 3_600_000 : 0));
      expect(row.content_hmac).toBe(archived.contentHmac);
    }
    expect(byHash.get(magicHash(live.magic))!.ciphertext).not.toBeNull();

    const gone = await resolveViaApi(t.app, once.magic);
    expect(gone.statusCode).toBe(410);
    expect(gone.json()).toMatchObject({ code: 'item_exhausted', state: 'ARCHIVAL', reason: 'view_limit_reached', viewCount: 1, viewLimit: 1, contentHmac: clientHmac(once.magic, 'once') });
    const expired = await resolveViaApi(t.app, expiring.magic, SEED_ITEM.password);
    expect(expired.json()).toMatchObject({ code: 'item_expired', state: 'ARCHIVAL', reason: 'expired', viewCount: 0, passwordProtected: true, finalizedUtc: expiring.expiresUtc });
    expect((await resolveViaApi(t.app, live.magic)).json()).toMatchObject({ content: 'live', state: 'ACTIVE' });

    // An archived record can still be deleted with its token.
    const del = await t.app.inject({ method: 'DELETE', url: `/api/v0/items/${once.magic}`, headers: { 'x-delete-token': once.deleteToken } });
    expect(del.statusCode).toBe(204);
    expect((await resolveViaApi(t.app, once.magic)).statusCode).toBe(404);
  });
});
