// Public entry of the checkins module: what the rest of the app may use from it.
export { checkinRoutes } from './checkin.routes.ts';
