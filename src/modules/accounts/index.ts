// Public entry of the accounts module (so far: its background jobs, listed in src/modules/jobs.ts).
import type { Module } from '../../context.ts';
export { accountsJobs } from './accounts.jobs.ts';
export { createAccount, validateNewAccount } from './account.service.ts';
export type { NewAccountInput } from './account.service.ts';
export const accountsRoutes: Module = async (app, ctx) => (await import('./accounts.routes.ts')).accountsRoutes(app, ctx);
export { explainKey, maskApiKey, parseApiKey } from './api-key-format.ts';
export { createApiKey } from './api-key.service.ts';
export { authPlugin } from './auth.plugin.ts';
export { pageBranding } from './branding.service.ts';
export { resetPassword, validatePasswordReset } from './password.service.ts';
