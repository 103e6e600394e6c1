// Telling other instances that something changed, the one dialect difference caches have. On
// PostgreSQL a change sends `pg_notify(channel, key)` inside its own transaction, so it reaches
// the listeners only when the change commits (and never when it rolls back), and every instance
// keeps one dedicated LISTEN connection. SQLite runs one process per file: there is nobody else
// to tell, so sending is a no-op and nothing listens (ADR 0026).
import { type Kysely, sql } from 'kysely';
import type Pg from 'pg';
import type { Dialect } from '../config.ts';
import type { Database } from './schema.ts';

const CHANNEL_NAME = /^[a-z_][a-z0-9_]{0,62}$/;

/** Within the transaction making a change: other instances hear `key` on `channel` when it commits. */
export async function notifyOnCommit(trx: Kysely<Database>, dialect: Dialect, channel: string, key: string): Promise<void> {
  if (dialect === 'postgres') await sql`select pg_notify(${channel}, ${key})`.execute(trx);
}

/** What a listener reports. */
export interface ListenHandlers {
  /** A key another (or this) instance notified. */
  notified(key: string): void;
  /** LISTEN is active; `resumed` when an earlier connection was lost or failed: whatever was sent meanwhile is lost. */
  listening(resumed: boolean): void;
  /** The connection failed or ended; the listener retries with backoff until closed. */
  lost(error: unknown): void;
}

/** A running listener. */
export interface Listener {
  /** True while LISTEN is active on a live connection. */
  readonly connected: boolean;
  /** Stops listening and retrying. */
  close(): Promise<void>;
}

/** Retry delays of a lost listener: doubling from `initialMs` up to `maxMs`. */
export interface Backoff {
  initialMs: number;
  maxMs: number;
}

const DEFAULT_BACKOFF: Backoff = { initialMs: 100, maxMs: 5000 };

/**
 * Keeps one connection (made by `connect`, outside any pool: a pooled client would be handed to
 * queries and LISTEN would be lost with it) listening on `channel`, reconnecting with backoff.
 */
export function listenOnPostgres(connect: () => Pg.Client, channel: string, handlers: ListenHandlers, options: { backoff?: Backoff; ignoreSender?: (processId: number) => boolean } = {}): Listener {
  const backoff = options.backoff ?? DEFAULT_BACKOFF;
  if (!CHANNEL_NAME.test(channel)) throw new Error(`invalid channel name ${channel}`);
  let client: Pg.Client | null = null;
  let connected = false;
  let closed = false;
  let delay = backoff.initialMs;
  let retry: NodeJS.Timeout | null = null;
  let attempts = 0;

  const start = () => {
    retry = null;
    if (closed) return;
    attempts++;
    const current = connect();
    client = current;
    let failed = false;
    const fail = (error: unknown) => {
      if (failed) return;
      failed = true;
      const wasConnected = connected;
      connected = false;
      if (client === current) client = null;
      current.end().catch(() => {});
      if (closed) return;
      if (wasConnected) handlers.lost(error);
      retry = setTimeout(start, delay);
      delay = Math.min(delay * 2, backoff.maxMs);
    };
    current.on('error', fail);
    current.on('end', () => fail(new Error('the listening connection ended')));
    current.on('notification', (message) => {
      if (message.channel !== channel || message.payload === undefined || options.ignoreSender?.(message.processId)) return;
      handlers.notified(message.payload);
    });
    current
      .connect()
      .then(() => current.query(`listen ${channel}`))
      .then(() => {
        if (failed || closed) return;
        connected = true;
        delay = backoff.initialMs;
        handlers.listening(attempts > 1);
      }, fail);
  };
  start();

  return {
    get connected() {
      return connected;
    },
    async close() {
      closed = true;
      connected = false;
      if (retry) clearTimeout(retry);
      const last = client;
      client = null;
      // A connection still being made to a server that does not answer would hold close() open.
      await Promise.race([last?.end().catch(() => {}), new Promise((resolve) => setTimeout(resolve, 1000).unref())]);
    },
  };
}
