// While the database is unreachable every request and every job run fails alike. Logging each with
// its stack buried the log (an audit counted ~4,000 lines, 6 MB, per instance in a 5 s restart;
// a worker's webhook delivery wrote one a second). The first failure of a key is logged by the
// caller; then one line every `intervalMs` says how many failed meanwhile, until an interval
// passes without one. A key whose reason changes starts over.

/** Counts outage failures per key between summary lines. */
export interface OutageLog {
  /** A failure of `key` for `reason`: `logFirst` runs unless the same key and reason are being counted. */
  failed(key: string, reason: string, logFirst: () => void): void;
  /** Stopping: the counts not yet logged are logged now. */
  close(): void;
}

/** An OutageLog calling `summarise` with each interval's count. */
export function outageLog(intervalMs: number, summarise: (key: string, reason: string, failed: number) => void): OutageLog {
  const open = new Map<string, { reason: string; failed: number; timer: NodeJS.Timeout }>();
  const watch = (key: string, reason: string) => {
    const window = {
      reason,
      failed: 0,
      timer: setTimeout(() => {
        open.delete(key);
        if (window.failed === 0) return;
        summarise(key, reason, window.failed);
        watch(key, reason);
      }, intervalMs),
    };
    window.timer.unref();
    open.set(key, window);
  };
  const flush = (key: string) => {
    const window = open.get(key);
    if (!window) return;
    clearTimeout(window.timer);
    open.delete(key);
    if (window.failed > 0) summarise(key, window.reason, window.failed);
  };
  return {
    failed(key, reason, logFirst) {
      const window = open.get(key);
      if (window?.reason === reason) {
        window.failed++;
        return;
      }
      flush(key);
      logFirst();
      watch(key, reason);
    },
    close() {
      for (const key of [...open.keys()]) flush(key);
    },
  };
}
