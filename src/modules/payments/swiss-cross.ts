// The Swiss cross every Swiss QR Code carries in its centre (Swiss IG QR-bill, "Swiss QR Code"
// section): 7 × 7 mm on the 46 × 46 mm code, a black square with the white cross, inside a white
// border that keeps it clear of the modules around it. Geometry in tenths of a millimetre: the
// 70-unit white square, a 60-unit black square, cross bars 38.9 × 11.7 (the proportions of the
// federal cross). It is handed to the QR engine as an ordinary design_config logo (SVG data
// URI + size as a fraction of the code's width), so it renders through the normal path.

import type { Logo } from '../../qr/index.ts';

/** Width of the cross over the width of the code (modules only, no quiet zone): 7 mm / 46 mm. */
export const SWISS_CROSS_SIZE = 7 / 46;

/** The largest QR version the Swiss IG allows (997 characters at ECC M). */
export const SWISS_QR_MAX_VERSION = 25;

/** The cross as an SVG document. */
export const SWISS_CROSS_SVG =
  '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 70 70" width="70" height="70">' +
  '<rect width="70" height="70" fill="#fff"/>' +
  '<rect x="5" y="5" width="60" height="60" fill="#000"/>' +
  '<rect x="15.55" y="29.15" width="38.9" height="11.7" fill="#fff"/>' +
  '<rect x="29.15" y="15.55" width="11.7" height="38.9" fill="#fff"/>' +
  '</svg>';

/** The cross as a design_config logo. */
export const SWISS_CROSS_LOGO: Readonly<Logo> = Object.freeze({
  src: `data:image/svg+xml;base64,${Buffer.from(SWISS_CROSS_SVG).toString('base64')}`,
  size: SWISS_CROSS_SIZE,
});

/**
 * The design_config of a Swiss QR Code: plain black square modules on white with the cross as
 * logo; the look is prescribed, so it takes no overrides. The engine would raise the error
 * correction to H for a logo; payment-render.ts passes the render option `ecc: 'M'` the IG asks for.
 */
export function swissQrDesign(): Record<string, unknown> {
  return { shapes: 'square', eyes: 'square', eye_pupils: 'square', color: '#000000', background: '#ffffff', margin: 4, logo: { ...SWISS_CROSS_LOGO } };
}
