// Public entry of the accounts module (so far: its background jobs, listed in src/modules/jobs.ts).
export { accountsJobs } from './accounts.jobs.ts';
export { createAccount, validateNewAccount } from './account.service.ts';
export type { NewAccountInput } from './account.service.ts';
export { accountsRoutes } from './accounts.routes.ts';
export { explainKey, maskApiKey, parseApiKey } from './api-key-format.ts';
export { createApiKey } from './api-key.service.ts';
export { authPlugin } from './auth.plugin.ts';
export { pageBranding } from './branding.service.ts';
