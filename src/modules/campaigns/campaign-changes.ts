// Which campaigns changed, for the caches that hold them (the redirect cache). A change is told
// twice: inside its transaction to every other instance (PostgreSQL NOTIFY, heard on commit), and
// after commit to this instance's own subscribers at once. Each app (and worker) has one, in its
// context. While this instance cannot listen, its caches fall back to their TTL (ADR 0026).
import type { Kysely } from 'kysely';
import type { Dialect } from '../../config.ts';
import type { DatabaseHandle } from '../../db/connect.ts';
import { type Listener, notifyOnCommit } from '../../db/notify.ts';
import type { Database } from '../../db/schema.ts';

/** The PostgreSQL channel; the payload is the campaign's short code. */
export const CAMPAIGN_CHANGED_CHANNEL = 'tessera_campaign_changed';

/** A cache that follows campaign changes. */
export interface CampaignChangeSubscriber {
  /** The campaign behind `shortCode` changed: forget it. */
  changed(shortCode: string): void;
  /** Changes may have been missed (the listener was down): forget everything. */
  missedSome(): void;
}

/** Campaign change notifications of one app or worker. */
export class CampaignChanges {
  readonly #dialect: Dialect;
  readonly #subscribers = new Set<CampaignChangeSubscriber>();
  #listener: Listener | null = null;
  #received = 0;

  constructor(dialect: Dialect) {
    this.#dialect = dialect;
  }

  /** Calls `subscriber` on every change; returns how to stop. */
  subscribe(subscriber: CampaignChangeSubscriber): () => void {
    this.#subscribers.add(subscriber);
    return () => this.#subscribers.delete(subscriber);
  }

  /** Inside the transaction changing the campaign: every other instance hears of it when it commits. */
  announce(trx: Kysely<Database>, shortCode: string): Promise<void> {
    return notifyOnCommit(trx, this.#dialect, CAMPAIGN_CHANGED_CHANNEL, shortCode);
  }

  /** After the change committed: this instance's subscribers, at once. */
  changed(shortCode: string): void {
    for (const subscriber of this.#subscribers) subscriber.changed(shortCode);
  }

  /**
   * Hears other instances' changes over the database's own channel (PostgreSQL; this instance's
   * own come back too and are skipped, applied already). When it listens again after losing its
   * connection (or failing to make one), subscribers forget everything: what they cached may
   * have changed unheard. Before the first LISTEN, the TTL alone bounds what they hold.
   */
  listen(database: Pick<DatabaseHandle, 'listen'>, log: { warn(obj: object, msg: string): void; info(msg: string): void }): void {
    if (!database.listen || this.#listener) return;
    let lost = false;
    this.#listener = database.listen(CAMPAIGN_CHANGED_CHANNEL, {
      notified: (shortCode) => {
        this.#received++;
        this.changed(shortCode);
      },
      listening: (resumed) => {
        if (resumed) for (const subscriber of this.#subscribers) subscriber.missedSome();
        if (lost) log.info('campaign change listener reconnected: cached redirects dropped, changes reach this instance at once again');
        lost = false;
      },
      lost: (error) => {
        lost = true;
        log.warn({ err: error }, 'campaign change listener lost its connection: cached redirects follow other instances within their TTL until it reconnects');
      },
    });
  }

  /** What /metrics reports: notifications received, and whether the listener is up (null: none, SQLite). */
  stats(): { channel: string; received: number; connected: boolean } | null {
    return this.#listener ? { channel: CAMPAIGN_CHANGED_CHANNEL, received: this.#received, connected: this.#listener.connected } : null;
  }

  /** Stops listening. */
  async close(): Promise<void> {
    const listener = this.#listener;
    this.#listener = null;
    await listener?.close();
  }
}
