// What a server that cannot listen says: the address, the reason in words, and the setting to
// change. Node's own message ("listen EADDRINUSE: address already in use 127.0.0.1:3000") names
// neither the variable nor the fix.

/** Why `host:port` cannot be listened on; `hostVar` and `portVar` name the settings that chose them. */
export function listenFailure(error: unknown, host: string, port: number, hostVar: string, portVar: string): string {
  const { code, message } = error as NodeJS.ErrnoException;
  const where = `${host}:${port}`;
  if (code === 'EADDRINUSE') return `cannot listen on ${where}: the port is in use by another process; stop it or set ${portVar}`;
  if (code === 'EACCES') return `cannot listen on ${where}: permission denied (ports below 1024 need privileges); set ${portVar} to 1024 or above`;
  if (code === 'EADDRNOTAVAIL' || code === 'ENOTFOUND' || code === 'EAI_AGAIN')
    return `cannot listen on ${where}: no such address on this machine; set ${hostVar} (0.0.0.0 listens on every interface)`;
  return `cannot listen on ${where}: ${message}`;
}
