// Which countries the SEPA credit transfer scheme reaches (EPC409-09, list of countries in the
// SEPA schemes' geographical scope, 2025: the EEA plus Andorra, Switzerland, the United
// Kingdom, Gibraltar, Monaco, San Marino, Vatican City, and since 2025 Albania, Moldova,
// Montenegro and North Macedonia). Outside the EEA a BIC remains mandatory (EPC069-12).

/** EU member states, Iceland, Liechtenstein and Norway. */
export const EEA_COUNTRIES: ReadonlySet<string> = new Set('AT BE BG CY CZ DE DK EE ES FI FR GR HR HU IE IT LT LU LV MT NL PL PT RO SE SI SK IS LI NO'.split(' '));

/** Every country whose IBANs can receive a SEPA credit transfer. */
export const SEPA_COUNTRIES: ReadonlySet<string> = new Set([...EEA_COUNTRIES, ...'AD CH GB GI MC SM VA AL MD ME MK'.split(' ')]);
