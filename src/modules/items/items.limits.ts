// The items API's limits, read by the service (checks) and by the schemas (validation, documentation).

/** Shortest and longest lifetime, in hours. */
export const MIN_TTL_HOURS = 0.01;
export const MAX_TTL_HOURS = 720;
/** Largest view limit. */
export const MAX_VIEW_LIMIT = 1_000_000;
/** Longest password accepted at creation. */
export const MAX_PASSWORD_LENGTH = 256;
/** Wrong passwords answered per client of an item per window (then that client's passwords wait for the rest of it). */
export const PASSWORD_ATTEMPTS_PER_CLIENT = 10;
/**
 * Wrong passwords answered per item per window from every client together (then the item accepts
 * no password for the rest of it): the cap on guessing spread over many addresses. Higher than a
 * client's budget, so one person holding the link cannot lock the recipient out.
 */
export const PASSWORD_ATTEMPTS_PER_WINDOW = 50;
