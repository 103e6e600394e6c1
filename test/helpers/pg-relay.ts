// A TCP relay to the test PostgreSQL that can be cut (every connection dropped, new ones refused)
// and restored: how a server restart looks from the client, without restarting the one server
// every other test uses.
import net from 'node:net';
import { TEST_DATABASE_URL } from './postgres.ts';

/** A running relay: `url` reaches the test PostgreSQL through it. */
export interface PgRelay {
  url: string;
  /** Drops every open connection and refuses new ones. */
  cut(): Promise<void>;
  /** Accepts connections again, on the same port. */
  restore(): Promise<void>;
  /** Keeps every connection open but forwards nothing either way: a server that stops answering. */
  stall(): void;
  /** Forwards again (what was sent while stalled is lost, as on a dropped route). */
  resume(): void;
  close(): Promise<void>;
}

/** Starts a relay on 127.0.0.1 (a free port) to TEST_DATABASE_URL's server. */
export async function relayToPostgres(): Promise<PgRelay> {
  const target = new URL(TEST_DATABASE_URL);
  const sockets = new Set<net.Socket>();
  let stalled = false;
  const open = (port: number) =>
    new Promise<net.Server>((resolve, reject) => {
      const server = net.createServer((client) => {
        const upstream = net.connect(Number(target.port || 5432), target.hostname);
        for (const socket of [client, upstream]) {
          sockets.add(socket);
          socket.on('close', () => sockets.delete(socket));
          socket.on('error', () => {});
        }
        // Either side closing closes the other: a half-open relay would look like a hung server.
        client.on('close', () => upstream.destroy());
        upstream.on('close', () => client.destroy());
        client.on('data', (chunk) => stalled || upstream.write(chunk));
        upstream.on('data', (chunk) => stalled || client.write(chunk));
      });
      server.once('error', reject);
      server.listen(port, '127.0.0.1', () => resolve(server));
    });
  let server: net.Server | null = await open(0);
  const port = (server.address() as net.AddressInfo).port;
  const url = new URL(TEST_DATABASE_URL);
  url.host = `127.0.0.1:${port}`;
  const cut = async () => {
    if (!server) return;
    const closed = new Promise<void>((resolve) => server!.close(() => resolve()));
    for (const socket of sockets) socket.destroy();
    await closed;
    server = null;
  };
  return {
    url: url.toString(),
    cut,
    restore: async () => void (server ??= await open(port)),
    stall: () => void (stalled = true),
    resume: () => void (stalled = false),
    close: cut,
  };
}
