// An amount as people type it, read into the minor units payments/init takes.

/**
 * "12.50", "12,5", "1 200", "1,200.50", "1.200,50" → minor units (every scheme's currency has two
 * decimals), or null. With both a dot and a comma, the later one is the decimal separator.
 */
export function minorUnits(text: string): number | null {
  let compact = text.replace(/[\s'’]/g, '');
  if (compact.includes('.') && compact.includes(',')) {
    const decimal = compact.lastIndexOf('.') > compact.lastIndexOf(',') ? '.' : ',';
    const grouping = decimal === '.' ? ',' : '.';
    if (!new RegExp(`^\\d{1,3}(\\${grouping}\\d{3})*\\${decimal}\\d{1,2}$`).test(compact)) return null;
    compact = compact.replaceAll(grouping, '');
  }
  const normal = /^\d+,\d{1,2}$/.test(compact) ? compact.replace(',', '.') : compact;
  if (!/^\d+(\.\d{1,2})?$/.test(normal)) return null;
  const [whole = '0', cents = ''] = normal.split('.');
  const minor = Number(whole) * 100 + Number(cents.padEnd(2, '0'));
  return minor > 0 && Number.isSafeInteger(minor) ? minor : null;
}
