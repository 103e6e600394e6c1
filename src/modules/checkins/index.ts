// Public entry of the checkins module: what the rest of the app may use from it.
import type { Module } from '../../context.ts';
export const checkinRoutes: Module = async (app, ctx) => (await import('./checkin.routes.ts')).checkinRoutes(app, ctx);
