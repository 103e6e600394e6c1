// Accounts for campaign tests: a real sign-up and a real `sec1-…` API key, sent the way the
// seed's examples send it (`Authorization: Bearer …`).
import type { TestApp } from './app.ts';
import { signUp } from './accounts.ts';

/** An account a test acts as. */
export interface Tenant {
  accountId: string;
  apiKey: string;
  headers: Record<string, string>;
}

/** Signs up an account and returns how to call the API as it. */
export async function tenant(t: TestApp): Promise<Tenant> {
  const account = await signUp(t.app);
  return { accountId: account.accountId, apiKey: account.apiKey, headers: { authorization: `Bearer ${account.apiKey}` } };
}
