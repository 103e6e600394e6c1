// When a live ticket's picture changes: its token follows fixed steps counted from the epoch
// (every TESSERA_MORPH_STEP_SECONDS, which the server names in X-Tessera-Step-Seconds), so the
// preview asks again just after each step begins, as a holder's screen would change.

/** The step length when the server does not say (TESSERA_MORPH_STEP_SECONDS's default). */
export const DEFAULT_STEP_SECONDS = 30;
/** How long after a step begins the preview asks again (the browser's clock may be a little off). */
export const STEP_MARGIN_MS = 500;

/** The step length an X-Tessera-Step-Seconds header names, or the default when it is absent or not a positive whole number. */
export function stepSecondsFrom(header: string | null): number {
  const seconds = header === null ? Number.NaN : Number(header.trim());
  return Number.isInteger(seconds) && seconds > 0 ? seconds : DEFAULT_STEP_SECONDS;
}

/** Milliseconds from `now` until just after the next step begins. */
export function untilNextStep(stepSeconds: number, now: number = Date.now()): number {
  const stepMs = stepSeconds * 1000;
  return stepMs - (now % stepMs) + STEP_MARGIN_MS;
}
