// "Timing-safe comparison used": the key check must compare digests with crypto.timingSafeEqual
// on every path (also for an unknown kid), and login must run argon2id for an unknown email too.
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';

const spies = vi.hoisted(() => ({ timingSafeEqual: vi.fn(), verifyPassword: vi.fn() }));

vi.mock('node:crypto', async (importOriginal) => {
  const actual = await importOriginal<typeof import('node:crypto')>();
  spies.timingSafeEqual.mockImplementation(actual.timingSafeEqual);
  return { ...actual, default: { ...actual, timingSafeEqual: spies.timingSafeEqual }, timingSafeEqual: spies.timingSafeEqual };
});
vi.mock('../../src/crypto/password.ts', async (importOriginal) => {
  const actual = await importOriginal<typeof import('../../src/crypto/password.ts')>();
  spies.verifyPassword.mockImplementation(actual.verifyPassword);
  return { ...actual, verifyPassword: spies.verifyPassword };
});

const { createAccount } = await import('../../src/modules/accounts/account.service.ts');
const { authenticateApiKey, createApiKey } = await import('../../src/modules/accounts/api-key.service.ts');
const { generateApiKey, parseApiKey } = await import('../../src/modules/accounts/api-key-format.ts');
const { logIn } = await import('../../src/modules/accounts/auth.service.ts');
const { MemoryRateLimiter } = await import('../../src/http/rate-limit.ts');
const { sha256 } = await import('../../src/crypto/keys.ts');
const { createTestDatabase } = await import('../helpers/dialects.ts');
const { ManualClock } = await import('../helpers/clock.ts');
const { testConfig } = await import('../helpers/app.ts');

describe('constant-time checks', () => {
  let database: Awaited<ReturnType<typeof createTestDatabase>>;
  const clock = new ManualClock();
  let accountId: string;
  let key: string;
  beforeAll(async () => {
    database = await createTestDatabase('sqlite');
    ({
      account: { id: accountId },
    } = await createAccount({ db: database.handle.db, clock }, { email: 'ct@example.com', password: 'long enough password' }));
    ({ fullKey: key } = await createApiKey({ db: database.handle.db, clock, dialect: 'sqlite' }, accountId, { env: 'prd' }));
  });
  afterAll(async () => {
    await database.destroy();
  });
  beforeEach(() => {
    spies.timingSafeEqual.mockClear();
    spies.verifyPassword.mockClear();
  });

  it('a right key is accepted through timingSafeEqual on the 32-byte digests', async () => {
    await authenticateApiKey({ db: database.handle.db, clock }, key);
    expect(spies.timingSafeEqual).toHaveBeenCalledTimes(1);
    const [a, b] = spies.timingSafeEqual.mock.calls[0]!;
    expect(Buffer.from(a).equals(sha256(key))).toBe(true);
    expect(b).toHaveLength(32);
  });

  it('a wrong secret and an unknown kid are both decided by timingSafeEqual', async () => {
    const wrongSecret = generateApiKey('prd', parseApiKey(key)!.kid).key;
    await expect(authenticateApiKey({ db: database.handle.db, clock }, wrongSecret)).rejects.toMatchObject({ code: 'api_key_invalid' });
    await expect(authenticateApiKey({ db: database.handle.db, clock }, generateApiKey('prd').key)).rejects.toMatchObject({ code: 'api_key_invalid' });
    expect(spies.timingSafeEqual).toHaveBeenCalledTimes(2);
  });

  it('login verifies a password (argon2id) for an unknown email as for a known one', async () => {
    const config = { ...testConfig({ TESSERA_SIGNUP: 'open' }), masterKey: Buffer.alloc(32, 1), sessionTtlHours: 1 };
    const deps = { db: database.handle.db, dialect: database.dialect, clock, rateLimiter: new MemoryRateLimiter(), config };
    await expect(logIn(deps, { email: 'nobody@example.com', password: 'long enough password', ip: '1' })).rejects.toMatchObject({ code: 'invalid_credentials' });
    await expect(logIn(deps, { email: 'ct@example.com', password: 'wrong password!', ip: '1' })).rejects.toMatchObject({ code: 'invalid_credentials' });
    expect(spies.verifyPassword).toHaveBeenCalledTimes(2);
    const [, unknownHash] = spies.verifyPassword.mock.calls[0]!;
    expect(unknownHash).toMatch(/^\$argon2id\$v=19\$m=19456,t=2,p=1\$/);
  });
});
