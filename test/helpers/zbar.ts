// ZBar (zbarimg, Debian's zbar-tools) as a third decoder for tests that hold images from the API
// to it. Without the binary locally such tests skip with a notice; with CI=true they fail.
import { execFile } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';

export const ZBARIMG = process.env.ZBARIMG_PATH ?? '/usr/bin/zbarimg';
/** Whether zbarimg is installed here. */
export const zbarPresent = existsSync(ZBARIMG);
if (!zbarPresent && process.env.CI === 'true') throw new Error(`${ZBARIMG} is missing: .ci/run installs Debian's zbar-tools`);

/** ZBar's reading of one PNG (or any image zbarimg opens), or null when it finds no QR code. */
export async function zbarDecode(image: Buffer): Promise<string | null> {
  const dir = mkdtempSync(join(tmpdir(), 'tessera-zbar-'));
  try {
    const file = join(dir, 'code.png');
    writeFileSync(file, image);
    const { stdout } = await promisify(execFile)(ZBARIMG, ['--quiet', '--raw', '-Sdisable', '-Sqrcode.enable', file]);
    return stdout.replace(/\n$/, '');
  } catch (error) {
    // Exit status 4: no code in the image.
    if ((error as { code?: number }).code === 4) return null;
    throw error;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
