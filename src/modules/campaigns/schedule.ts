// A campaign's schedule: the window in which its code leads on. Outside it the code is known but
// answers a page that says when it opens or that it has ended, so a poster printed before the
// launch, or left up after it, tells the person scanning the truth instead of a dead link.
import { AppError } from '../../errors.ts';

/** The earliest and latest instants a schedule may name: four-digit years, and nothing before Tessera's clock could matter. */
export const EARLIEST_SCHEDULE = Date.UTC(2000, 0, 1);
export const LATEST_SCHEDULE = Date.UTC(2199, 11, 31, 23, 59, 59, 999);

/** Where a code stands in its window at a given instant. */
export type SchedulePhase = 'live' | 'not_yet_active' | 'ended';

/** The window; either end open when null. */
export interface Schedule {
  activeFrom: number | null;
  activeUntil: number | null;
}

/** The phase of `schedule` at `now`: the start is inclusive, the end exclusive. */
export function schedulePhase(schedule: Schedule, now: number): SchedulePhase {
  if (schedule.activeFrom !== null && now < schedule.activeFrom) return 'not_yet_active';
  if (schedule.activeUntil !== null && now >= schedule.activeUntil) return 'ended';
  return 'live';
}

function invalid(field: string, message: string): AppError {
  return new AppError('validation_failed', `${field} ${message}.`, { errors: [{ field: `body/${field}`, message }] });
}

/** An RFC 3339 timestamp (already format-checked by the schema) as epoch ms, refused outside the sane range. */
export function parseScheduleInstant(field: 'active_from' | 'active_until', value: string | null): number | null {
  if (value === null) return null;
  const at = Date.parse(value);
  if (!Number.isFinite(at)) throw invalid(field, `must be a date-time such as 2027-03-01T09:00:00Z (got '${value}')`);
  if (at < EARLIEST_SCHEDULE || at > LATEST_SCHEDULE) throw invalid(field, 'must lie between 2000-01-01 and 2199-12-31');
  return at;
}

/** Refuses a window that closes before it opens. */
export function assertScheduleOrder(schedule: Schedule): void {
  if (schedule.activeFrom !== null && schedule.activeUntil !== null && schedule.activeUntil <= schedule.activeFrom) {
    throw invalid('active_until', 'must be later than active_from');
  }
}
