// Accounts for campaign tests. Until the accounts module lands, a test-only hook turns
// `Authorization: Bearer test:<accountId>` into a principal; tenant() is the only thing tests call,
// so switching to real API keys (signUp/authHeaders) changes this file alone.
import type { FastifyInstance } from 'fastify';
import { newId } from '../../src/ids.ts';
import type { TestApp } from './app.ts';

/** An account a test acts as. */
export interface Tenant {
  accountId: string;
  apiKey: string;
  headers: Record<string, string>;
}

const hooked = new WeakSet<FastifyInstance>();

function installFakeAuth(app: FastifyInstance): void {
  if (hooked.has(app)) return;
  hooked.add(app);
  app.addHook('onRequest', async (request) => {
    const match = /^Bearer test:(acc_\w+)$/.exec(request.headers.authorization ?? '');
    if (match) request.principal = { accountId: match[1]!, userId: null, via: 'api_key', apiKeyId: null, testMode: false };
  });
}

/** Creates an account and returns how to call the API as it. */
export async function tenant(t: TestApp): Promise<Tenant> {
  installFakeAuth(t.app);
  const id = newId('acc');
  const now = t.clock.now();
  await t.app.ctx.db.insertInto('accounts').values({ id, slug: id.slice(4, 20).toLowerCase(), name: 'Test', created_at: now, updated_at: now }).execute();
  const apiKey = `test:${id}`;
  return { accountId: id, apiKey, headers: { authorization: `Bearer ${apiKey}` } };
}
