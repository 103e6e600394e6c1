// A camera for Chromium that films one QR code: a Y4M video (what --use-file-for-fake-video-capture
// plays, looping) of a code drawn from the `qrcode` package's matrix, dark on light, centred in a
// 640 × 480 frame, as a phone held up to a gate camera would show it.
import fs from 'node:fs';
import QRCode from 'qrcode';

const WIDTH = 640;
const HEIGHT = 480;
const LIGHT = 235;
const DARK = 16;

/** Writes a two-frame Y4M video of `text` as a QR code to `file`. */
export function writeQrVideo(file: string, text: string): void {
  const { modules } = QRCode.create(text, { errorCorrectionLevel: 'M' });
  const cells = modules.size + 8; // with the four-module quiet zone
  const px = Math.floor((HEIGHT - 40) / cells);
  const left = Math.floor((WIDTH - cells * px) / 2) + 4 * px;
  const top = Math.floor((HEIGHT - cells * px) / 2) + 4 * px;
  const luma = Buffer.alloc(WIDTH * HEIGHT, LIGHT);
  for (let row = 0; row < modules.size; row++) {
    for (let col = 0; col < modules.size; col++) {
      if (!modules.get(row, col)) continue;
      for (let y = 0; y < px; y++) luma.fill(DARK, (top + row * px + y) * WIDTH + left + col * px, (top + row * px + y) * WIDTH + left + (col + 1) * px);
    }
  }
  const chroma = Buffer.alloc((WIDTH / 2) * (HEIGHT / 2) * 2, 128);
  const frame = Buffer.concat([Buffer.from('FRAME\n'), luma, chroma]);
  fs.writeFileSync(file, Buffer.concat([Buffer.from(`YUV4MPEG2 W${WIDTH} H${HEIGHT} F10:1 Ip A1:1 C420jpeg\n`), frame, frame]));
}

/** Chromium switches that give pages this video as their camera, granted without asking. */
export function fakeCameraArgs(file: string): string[] {
  return ['--use-fake-device-for-media-stream', `--use-file-for-fake-video-capture=${file}`, '--use-fake-ui-for-media-stream'];
}
