// The merchant payment profile: payee details per scheme, validated at the edge by the domain
// checks (IBAN mod-97 and length, QR-IBAN ranges, BIC, Pix key kinds, VPA) and stored normalised.
import type { AppContext } from '../../context.ts';
import { AppError, type FieldError } from '../../errors.ts';
import type { FieldError as DomainFieldError } from './field-errors.ts';
import { acceptedSchemes, checkPayeeProfile, type PayeeProfile, type Scheme } from './payee-profile.ts';
import { findPaymentProfile, upsertPaymentProfile } from './payment.repo.ts';

type Ctx = Pick<AppContext, 'db' | 'clock'>;

/** A stored profile as the API shows it. */
export interface ProfileView {
  profile: PayeeProfile;
  schemes: Scheme[];
  updatedAt: number | null;
}

const EMPTY: PayeeProfile = { sepa: null, swiss_qr: null, pix: null, upi: null };

/** Domain errors (`sepa.iban`) as problem+json errors under a JSON-pointer-ish root (`body/sepa/iban`). */
export function toProblemErrors(errors: readonly DomainFieldError[], root: string): FieldError[] {
  return errors.map((e) => ({ field: `${root}/${e.field.replace(/\./g, '/')}`, message: e.reason }));
}

/** The account's profile (every scheme null when it never set one). */
export async function getPaymentProfile(ctx: Ctx, accountId: string): Promise<ProfileView> {
  const row = await findPaymentProfile(ctx.db, accountId);
  const profile = row ? { ...EMPTY, ...(JSON.parse(row.profile) as PayeeProfile) } : { ...EMPTY };
  return { profile, schemes: acceptedSchemes(profile), updatedAt: row?.updated_at ?? null };
}

/** Replaces the account's profile; a 400 lists every invalid field at once. */
export async function putPaymentProfile(ctx: Ctx, accountId: string, raw: unknown): Promise<ProfileView> {
  const check = checkPayeeProfile(raw);
  if (!check.ok) {
    const errors = toProblemErrors(check.errors, 'body');
    const sample = check.errors
      .slice(0, 3)
      .map((e) => `${e.field} ${e.reason}`)
      .join('; ');
    throw new AppError('validation_failed', `The payment profile has ${errors.length} invalid field${errors.length === 1 ? '' : 's'}: ${sample}${errors.length > 3 ? '; …' : ''}.`, { errors });
  }
  const now = ctx.clock.now();
  await upsertPaymentProfile(ctx.db, { account_id: accountId, profile: JSON.stringify(check.profile), created_at: now, updated_at: now });
  return { profile: check.profile, schemes: acceptedSchemes(check.profile), updatedAt: now };
}
