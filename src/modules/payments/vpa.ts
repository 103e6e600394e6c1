// UPI virtual payment addresses ("name@bank"): what NPCI's apps accept as a payee address. The
// handle after @ names the PSP ("okaxis", "ybl") or, for account-number VPAs, the bank's IFSC
// ("1234567890@sbin0001234.ifsc.npci"). UPI ids are case-insensitive; they are returned lower case.

/** The outcome of checking a VPA. */
export type VpaCheck = { ok: true; vpa: string } | { ok: false; reason: string };

/** Longest VPA: 255 characters in NPCI's UPI specifications. */
export const VPA_MAX = 255;

/** Validates a UPI VPA. */
export function checkVpa(raw: unknown): VpaCheck {
  if (typeof raw !== 'string' || raw.trim() === '') return { ok: false, reason: 'must be a UPI id such as shop@okaxis' };
  const vpa = raw.trim().toLowerCase();
  if (vpa.length > VPA_MAX) return { ok: false, reason: `must be at most ${VPA_MAX} characters` };
  const at = vpa.split('@');
  if (at.length !== 2) return { ok: false, reason: 'must contain exactly one @ between the name and the bank handle, e.g. shop@okaxis' };
  const [user, handle] = at as [string, string];
  if (!/^[a-z0-9][a-z0-9._-]*$/.test(user) || user.length < 2) {
    return { ok: false, reason: 'the part before @ must be at least 2 characters of letters, digits, dots, hyphens or underscores, starting with a letter or digit' };
  }
  if (!/^[a-z][a-z0-9]*(?:\.[a-z0-9]+)*$/.test(handle) || handle.length < 2 || handle.length > 64) {
    return { ok: false, reason: `'@${handle}' is not a UPI handle: after @ comes the bank's handle, letters and digits (e.g. okaxis, ybl, paytm)` };
  }
  return { ok: true, vpa };
}
