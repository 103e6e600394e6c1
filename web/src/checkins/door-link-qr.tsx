// The door link as a QR code, for a steward to open it by pointing a phone's camera at the
// organiser's screen. Drawn in the browser by the designer's engine (the server's own, src/qr):
// the link holds a key, so it is never sent anywhere to be drawn.
import { useMemo } from 'react';
import { drawPreview } from '../designer/engine.ts';

export function DoorLinkQr({ link }: { link: string }) {
  // ECC L: a code read off a screen is never torn or smudged, and fewer modules read from further away.
  const svg = useMemo(() => drawPreview(link, { ecc: 'L' }).svg, [link]);
  if (!svg) return null;
  return (
    <figure className="flex flex-col items-center gap-2">
      <img src={`data:image/svg+xml;charset=utf-8,${encodeURIComponent(svg)}`} alt="QR code of the door link" className="size-52 rounded-md border border-zinc-200 bg-white dark:border-zinc-700" />
      <figcaption className="text-center text-xs text-zinc-600 dark:text-zinc-400">Scan it with a staff phone’s camera to open the door there.</figcaption>
    </figure>
  );
}
