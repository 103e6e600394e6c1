// Reading tickets through the device's camera, for doors run on a phone or tablet without a
// handheld scanner. Frames are scaled down to at most 640 px and read with jsQR (plain
// JavaScript: no WebAssembly, so the dashboard's script policy stays as it is), loaded only
// when the camera is first turned on. See ADR 0038.

/** Why the camera could not start, in words for the person holding the device. */
export function cameraProblem(error: unknown): string {
  const name = error instanceof DOMException ? error.name : '';
  if (name === 'NotAllowedError' || name === 'SecurityError') return 'Camera access was refused. Allow the camera for this site in the browser’s settings, or use a scanner.';
  if (name === 'NotFoundError' || name === 'OverconstrainedError') return 'This device has no camera the browser can use. Use a scanner, or paste the ticket’s link.';
  if (name === 'NotReadableError') return 'The camera is in use by another app. Close it and try again.';
  return 'The camera could not be started. Use a scanner, or paste the ticket’s link.';
}

/** Whether this page may ask for the camera at all (it needs https, or this computer itself). */
export function cameraAvailable(): boolean {
  return typeof navigator !== 'undefined' && typeof navigator.mediaDevices?.getUserMedia === 'function' && window.isSecureContext;
}

/** The back camera where there is one; the stream is the caller's to stop. */
export function openCamera(): Promise<MediaStream> {
  return navigator.mediaDevices.getUserMedia({ video: { facingMode: { ideal: 'environment' }, width: { ideal: 1280 }, height: { ideal: 720 } }, audio: false });
}

const FRAME_MS = 150;
const MAX_SIDE = 640;

/**
 * Reads the video's frames until `signal` aborts, calling `onText` with each code's text. A code
 * held in front of the camera is read on every frame: the caller decides what counts as new.
 */
export async function readCodes(video: HTMLVideoElement, onText: (text: string) => void, signal: AbortSignal): Promise<void> {
  const { default: jsQR } = await import('jsqr');
  const canvas = document.createElement('canvas');
  const context = canvas.getContext('2d', { willReadFrequently: true });
  if (!context) return;
  const frame = () => {
    if (signal.aborted) return;
    const { videoWidth: width, videoHeight: height } = video;
    if (video.readyState >= video.HAVE_CURRENT_DATA && width > 0 && height > 0) {
      const scale = Math.min(1, MAX_SIDE / Math.max(width, height));
      canvas.width = Math.round(width * scale);
      canvas.height = Math.round(height * scale);
      context.drawImage(video, 0, 0, canvas.width, canvas.height);
      const image = context.getImageData(0, 0, canvas.width, canvas.height);
      const code = jsQR(image.data, image.width, image.height, { inversionAttempts: 'dontInvert' });
      if (code?.data) onText(code.data);
    }
    setTimeout(frame, FRAME_MS);
  };
  frame();
}

/**
 * What a scan of `text` is about, to tell a new ticket from the same one still held up: a live
 * ticket's link changes every few seconds, but its path (the short code) does not.
 */
export function scanSubject(text: string): string {
  try {
    const url = new URL(text);
    return `${url.origin}${url.pathname}`;
  } catch {
    return text;
  }
}
