// The camera's picture while it looks for tickets, with the way to turn it off. A ticket still
// held up after its scan is not sent again for a few seconds, so its holder does not hear
// "already used" for the ticket that just got them in.
import { CameraOff } from 'lucide-react';
import { useEffect, useRef, useState } from 'react';
import { Button } from '../components/ui/button.tsx';
import { Alert } from '../components/ui/misc.tsx';
import { cameraProblem, openCamera, readCodes, scanSubject } from './camera-scan.ts';

const SAME_TICKET_MS = 5_000;

export function CameraView({ onScan, onClose }: { onScan: (text: string) => void; onClose: () => void }) {
  const video = useRef<HTMLVideoElement>(null);
  const [problem, setProblem] = useState<string | null>(null);
  const [looking, setLooking] = useState(false);
  const latest = useRef(onScan);
  latest.current = onScan;

  useEffect(() => {
    const stop = new AbortController();
    let stream: MediaStream | null = null;
    const last = { subject: '', at: 0 };
    (async () => {
      try {
        stream = await openCamera();
        if (stop.signal.aborted || !video.current) return;
        video.current.srcObject = stream;
        await video.current.play();
        setLooking(true);
        await readCodes(
          video.current,
          (text) => {
            const subject = scanSubject(text);
            const now = Date.now();
            if (subject === last.subject && now - last.at < SAME_TICKET_MS) return;
            last.subject = subject;
            last.at = now;
            latest.current(text);
          },
          stop.signal,
        );
      } catch (error) {
        if (!stop.signal.aborted) setProblem(cameraProblem(error));
      }
    })();
    return () => {
      stop.abort();
      for (const track of stream?.getTracks() ?? []) track.stop();
    };
  }, []);

  return (
    <div className="space-y-2">
      {problem ? (
        <Alert title="No camera">{problem}</Alert>
      ) : (
        <div className="relative overflow-hidden rounded-lg bg-zinc-900">
          <video ref={video} muted playsInline aria-label="Camera picture" className="aspect-[4/3] max-h-64 w-full object-cover" />
          <p className="absolute inset-x-0 bottom-0 bg-black/60 px-3 py-2 text-center text-sm text-white" aria-live="polite">
            {looking ? 'Hold the ticket in front of the camera.' : 'Starting the camera…'}
          </p>
        </div>
      )}
      <Button size="sm" onClick={onClose}>
        <CameraOff aria-hidden="true" />
        Turn the camera off
      </Button>
    </div>
  );
}
