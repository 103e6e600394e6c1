// The instance's Prometheus metrics, every name declared here once (docs/operations.md explains
// each). Hot paths only bump plain numbers or observe a histogram; everything that has to be
// looked up (buffer depth, pool use, the outbox backlog) is read when Prometheus scrapes, so an
// instance nobody scrapes pays nothing for it. One registry per app: tests build many apps.
import { collectDefaultMetrics, Counter, Gauge, Histogram, Registry } from 'prom-client';

/** What a scrape reads from the parts of the app that own the numbers. */
export interface MetricSources {
  /** Requests the front door answered (they never reach Fastify's hooks). */
  frontDoorAnswers?: () => number;
  scanBuffer?: () => { pending: number; dropped: number };
  /** Connection pool of the database (PostgreSQL). */
  dbPool?: () => { total: number; idle: number; waiting: number } | null;
  /** Webhook deliveries waiting and the age of the oldest, from the database. */
  outbox?: () => Promise<{ pending: number; oldestAgeSeconds: number }>;
  /** The campaign change listener (PostgreSQL LISTEN); null when there is none (SQLite). */
  changeListener?: () => { channel: string; received: number; connected: boolean } | null;
}

// Latency buckets from 0.5 ms (a cached redirect) to 10 s (a bulk export).
const HTTP_BUCKETS = [0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 10];
const FLUSH_BUCKETS = [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 5];
const BATCH_BUCKETS = [1, 10, 50, 100, 250, 500, 1000, 2500, 5000];

/** The status class label of an HTTP status ("2xx" … "5xx"), or "error" when there was none. */
export function statusClass(status: number | null | undefined): string {
  return status && status >= 100 && status < 600 ? `${Math.floor(status / 100)}xx` : 'error';
}

/** The metrics of one app (or worker) instance. */
export class Metrics {
  readonly registry = new Registry();
  readonly sources: MetricSources = {};
  readonly httpRequests: Counter<'method' | 'route' | 'status_class'>;
  readonly httpDuration: Histogram<'method' | 'route'>;
  readonly scanFlushDuration: Histogram<'outcome'>;
  readonly scanFlushBatch: Histogram;
  readonly webhookDeliveries: Counter<'status_class'>;

  constructor(options: { defaultMetrics?: boolean } = {}) {
    const registers = [this.registry];
    const sources = this.sources;
    // Process metrics (CPU, RSS, heap, GC, handles) and event-loop lag, prefixed like the rest.
    if (options.defaultMetrics !== false) collectDefaultMetrics({ register: this.registry, prefix: 'tessera_', eventLoopMonitoringPrecision: 20 });
    this.httpRequests = new Counter({
      name: 'tessera_http_requests_total',
      help: 'Requests answered, by method, route pattern and status class (front-door answers under the route they stand in for).',
      labelNames: ['method', 'route', 'status_class'],
      registers,
    });
    this.httpDuration = new Histogram({
      name: 'tessera_http_request_duration_seconds',
      help: 'Time from request to response, by method and route pattern (front-door answers included).',
      labelNames: ['method', 'route'],
      buckets: HTTP_BUCKETS,
      registers,
    });
    new Counter({
      name: 'tessera_front_door_answers_total',
      help: 'Cached redirects answered by the front door before Fastify (ADR 0011); also counted under their route in tessera_http_requests_total.',
      registers,
      collect() {
        if (!sources.frontDoorAnswers) return;
        this.reset();
        this.inc(sources.frontDoorAnswers());
      },
    });
    new Gauge({
      name: 'tessera_scan_buffer_events',
      help: 'Scan events in memory waiting to be written.',
      registers,
      collect() {
        if (sources.scanBuffer) this.set(sources.scanBuffer().pending);
      },
    });
    new Counter({
      name: 'tessera_scans_dropped_total',
      help: 'Scan events dropped because the buffer was full (the database refused writes for too long).',
      registers,
      collect() {
        if (!sources.scanBuffer) return;
        this.reset();
        this.inc(sources.scanBuffer().dropped);
      },
    });
    this.scanFlushDuration = new Histogram({
      name: 'tessera_scan_flush_duration_seconds',
      help: 'Time to write one batch of scans, by outcome (ok, failed).',
      labelNames: ['outcome'],
      buckets: FLUSH_BUCKETS,
      registers,
    });
    this.scanFlushBatch = new Histogram({ name: 'tessera_scan_flush_batch_size', help: 'Scan events per flushed batch.', buckets: BATCH_BUCKETS, registers });
    this.webhookDeliveries = new Counter({
      name: 'tessera_webhook_deliveries_total',
      help: 'Webhook delivery attempts made by this process, by the receiver status class (error: no HTTP answer).',
      labelNames: ['status_class'],
      registers,
    });
    new Counter({
      name: 'tessera_campaign_change_notifications_total',
      help: 'Campaign changes made by other instances and heard from the database (PostgreSQL NOTIFY); each drops a cached redirect.',
      // Labelled so that both are absent where nothing listens (SQLite, tessera worker).
      labelNames: ['channel'],
      registers,
      collect() {
        const stats = sources.changeListener?.();
        if (!stats) return;
        this.reset();
        this.inc({ channel: stats.channel }, stats.received);
      },
    });
    new Gauge({
      name: 'tessera_campaign_change_listener_connected',
      help: "1 while the PostgreSQL LISTEN connection is up (other instances' changes arrive at once), 0 while cached redirects rely on their 1 s TTL.",
      labelNames: ['channel'],
      registers,
      collect() {
        const stats = sources.changeListener?.();
        if (stats) this.set({ channel: stats.channel }, stats.connected ? 1 : 0);
      },
    });
    const pool = new Gauge({
      name: 'tessera_db_pool_connections',
      help: 'Database pool connections by state (total, idle, waiting requests); PostgreSQL only.',
      labelNames: ['state'],
      registers,
      collect() {
        const stats = sources.dbPool?.();
        if (!stats) return;
        pool.set({ state: 'total' }, stats.total);
        pool.set({ state: 'idle' }, stats.idle);
        pool.set({ state: 'waiting' }, stats.waiting);
      },
    });
    // One query feeds both gauges: a scrape collects every metric at once, so they share it.
    let backlog: Promise<{ pending: number; oldestAgeSeconds: number } | null> | null = null;
    const readBacklog = () => {
      if (!sources.outbox) return Promise.resolve(null);
      // The database being down must not fail the scrape: the gauges say "unknown" (NaN).
      backlog ??= sources.outbox().then(
        (value) => value,
        () => ({ pending: Number.NaN, oldestAgeSeconds: Number.NaN }),
      );
      void backlog.finally(() => (backlog = null));
      return backlog;
    };
    new Gauge({
      name: 'tessera_webhook_outbox_pending',
      help: 'Webhook deliveries not yet delivered nor given up (whole database).',
      registers,
      async collect() {
        const value = await readBacklog();
        if (value) this.set(value.pending);
      },
    });
    new Gauge({
      name: 'tessera_webhook_outbox_oldest_age_seconds',
      help: 'Age of the oldest pending webhook delivery (0 when none).',
      registers,
      async collect() {
        const value = await readBacklog();
        if (value) this.set(value.oldestAgeSeconds);
      },
    });
  }

  /** One request answered (through Fastify or the front door). */
  observeRequest(method: string, route: string | undefined, status: number, elapsedMs: number): void {
    const routeLabel = route ?? '(unmatched)';
    this.httpRequests.inc({ method, route: routeLabel, status_class: statusClass(status) });
    this.httpDuration.observe({ method, route: routeLabel }, elapsedMs / 1000);
  }

  /** One scan batch written (or not). */
  observeScanFlush(events: number, elapsedMs: number, ok: boolean): void {
    this.scanFlushDuration.observe({ outcome: ok ? 'ok' : 'failed' }, elapsedMs / 1000);
    if (ok) this.scanFlushBatch.observe(events);
  }

  /** The text exposition Prometheus scrapes. */
  async exposition(): Promise<{ contentType: string; body: string }> {
    return { contentType: this.registry.contentType, body: await this.registry.metrics() };
  }
}
