// The currencies each payment scheme can carry (the schemes' own rules). One list for the payload
// builders, which refuse any other, and for the dashboard, which offers only these. A leaf file:
// the dashboard imports it, and it imports nothing.
export const SCHEME_CURRENCIES = Object.freeze({ sepa: ['EUR'], swiss_qr: ['CHF', 'EUR'], pix: ['BRL'], upi: ['INR'] } as const);

/** The most one payment request may ask for, in minor units (payments/init refuses more; the dashboard says so first). */
export const MAX_PAYMENT_AMOUNT = 999_999_999_999;
