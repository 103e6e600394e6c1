// Party addresses of the Swiss QR-bill (Swiss IG QR-bill, "Cdtr" / "UltmtDbtr"): structured
// (type S: street, building number, postcode and town in their own fields) or combined (type K:
// two free address lines). Since 22 November 2025 (IG QR-bill 2.3) Swiss banks accept only
// structured addresses, so merchant profiles take S; K is read for existing data only.

import { checkCountry } from './countries.ts';
import { collect, isObject } from './field-errors.ts';
import type { FieldError } from './field-errors.ts';
import { checkOptionalText, checkText } from './text.ts';

/** Field limits of a Swiss QR-bill address. */
export const SWISS_ADDRESS_LIMITS = { name: 70, street: 70, buildingNumber: 16, postcode: 16, town: 35, line: 70 } as const;

/** A structured (S) address. */
export interface StructuredAddress {
  type: 'S';
  street: string | null;
  building_number: string | null;
  postcode: string;
  town: string;
  country: string;
}

/** A combined (K) address: two lines, the second holding postcode and town. */
export interface CombinedAddress {
  type: 'K';
  line1: string | null;
  line2: string;
  country: string;
}

export type SwissAddress = StructuredAddress | CombinedAddress;

/** A named party: creditor or ultimate debtor. */
export interface SwissParty {
  name: string;
  address: SwissAddress;
}

/**
 * Validates an address object under `field` (errors are pushed as `field.street` …). Combined
 * addresses are refused unless `allowCombined`, with the reason banks give since IG 2.3.
 */
export function checkSwissAddress(raw: unknown, field: string, errors: FieldError[], options: { allowCombined?: boolean } = {}): SwissAddress | null {
  if (!isObject(raw)) {
    errors.push({ field, reason: 'must be an object {street, building_number, postcode, town, country}' });
    return null;
  }
  const before = errors.length;
  const country = collect(errors, `${field}.country`, checkCountry(raw.country));
  const L = SWISS_ADDRESS_LIMITS;
  if (raw.type === 'K' || raw.line2 !== undefined || raw.line1 !== undefined) {
    if (!options.allowCombined) {
      errors.push({
        field: `${field}.type`,
        reason: 'combined addresses (type K, two free lines) are no longer accepted by Swiss banks since 22 November 2025; give street, building_number, postcode and town separately',
      });
      return null;
    }
    const line1 = collect(errors, `${field}.line1`, checkOptionalText(raw.line1, { max: L.line, charset: 'swiss' }));
    const line2 = collect(errors, `${field}.line2`, checkText(raw.line2, { max: L.line, charset: 'swiss' }));
    if (errors.length > before || !country || !line1 || !line2) return null;
    return { type: 'K', line1: line1.text, line2: line2.text, country: country.country };
  }
  const street = collect(errors, `${field}.street`, checkOptionalText(raw.street, { max: L.street, charset: 'swiss' }));
  const building = collect(
    errors,
    `${field}.building_number`,
    checkOptionalText(typeof raw.building_number === 'number' ? String(raw.building_number) : raw.building_number, { max: L.buildingNumber, charset: 'swiss' }),
  );
  const postcode = collect(errors, `${field}.postcode`, checkText(typeof raw.postcode === 'number' ? String(raw.postcode) : raw.postcode, { max: L.postcode, charset: 'swiss' }));
  const town = collect(errors, `${field}.town`, checkText(raw.town, { max: L.town, charset: 'swiss' }));
  if (building?.text && !street?.text) errors.push({ field: `${field}.street`, reason: 'a building number needs a street' });
  if (errors.length > before || !country || !street || !building || !postcode || !town) return null;
  return { type: 'S', street: street.text, building_number: building.text, postcode: postcode.text, town: town.text, country: country.country };
}

/** The seven lines a party occupies in the SPC payload (address type, name, then the address). */
export function partyLines(party: SwissParty): string[] {
  const a = party.address;
  if (a.type === 'S') return ['S', party.name, a.street ?? '', a.building_number ?? '', a.postcode, a.town, a.country];
  return ['K', party.name, a.line1 ?? '', a.line2, '', '', a.country];
}
