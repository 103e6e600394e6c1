// The only module that reads process.env. It parses every variable once, validates it, and
// fails fast naming the bad variable, so a misconfigured instance never half-starts.
import { isIP } from 'node:net';
import path from 'node:path';

export type Dialect = 'sqlite' | 'postgres';
export type IpStorage = 'anonymized' | 'none';
/** Who may create an account over HTTP: the first person only, anyone, or nobody (CLI only). */
export type SignupMode = 'first' | 'open' | 'closed';
export const SIGNUP_MODES: readonly SignupMode[] = ['first', 'open', 'closed'];

/** Validated, frozen runtime configuration. */
export interface Config {
  readonly production: boolean;
  /** Settings that start but are probably mistakes (a NODE_ENV Tessera does not know): logged at start. */
  readonly warnings: readonly string[];
  readonly port: number;
  readonly host: string;
  readonly dataDir: string;
  readonly dialect: Dialect;
  /** `postgres://…` URL, or the SQLite file path. */
  readonly databaseUrl: string;
  readonly publicUrl: string;
  /** 32-byte root secret; null until resolved by ensureMasterKey (outside production it may be generated). */
  readonly masterKey: Buffer | null;
  readonly logLevel: string;
  readonly corsOrigins: readonly string[];
  readonly bodyLimitBytes: number;
  /** Which X-Forwarded-For hops to trust: none, every one, a number of hops, or the proxies' addresses (TrustProxy). */
  readonly trustProxy: TrustProxy;
  readonly redisUrl: string | null;
  /** Prefix of every Redis key, so several deployments (or test runs) can share one Redis. */
  readonly redisPrefix: string;
  readonly rateLimitPerMinute: number;
  /** Anonymous item creates per client network (IPv4 address, IPv6 /64) per minute. */
  readonly itemCreatesPerMinute: number;
  /** Bytes of live anonymous items (content plus ANONYMOUS_ITEM_OVERHEAD_BYTES each) a deployment holds at most. */
  readonly anonymousItemsBytes: number;
  /** Of those, password-protected ones (each costs an argon2id hash). */
  readonly itemPasswordCreatesPerMinute: number;
  /** Item password checks (right or wrong) per client network per minute: each runs argon2id. */
  readonly itemPasswordChecksPerMinute: number;
  readonly sessionTtlHours: number;
  /** Absolute session lifetime in days, from sign-in, whatever the sliding expiry says. */
  readonly sessionMaxDays: number;
  readonly runWorker: boolean;
  readonly webhookAllowedHosts: readonly string[];
  /** How long a worker's claim on a webhook delivery lasts; after it another worker may send it again. */
  readonly webhookLeaseMs: number;
  readonly morphTtlSeconds: number;
  readonly morphStepSeconds: number;
  readonly scanFlushMs: number;
  /** Most scan events held in memory while the database cannot take them; scans arriving while full are dropped and counted. */
  readonly scanBufferMax: number;
  readonly scanRetentionDays: number;
  readonly ipStorage: IpStorage;
  readonly countryHeader: string | null;
  readonly geoipDbPath: string | null;
  readonly shutdownTimeoutMs: number;
  readonly signup: SignupMode;
  /** Bearer token that opens GET /metrics on the main port; null: not served there. */
  readonly metricsToken: string | null;
  /** A separate port serving /metrics without a token (keep it private); null: none. */
  readonly metricsPort: number | null;
  readonly metricsHost: string;
}

/** A configuration problem, always naming the variable. */
export class ConfigError extends Error {
  readonly variable: string;
  constructor(variable: string, message: string) {
    super(`${variable}: ${message}`);
    this.name = 'ConfigError';
    this.variable = variable;
  }
}

type Env = Record<string, string | undefined>;

/** Every variable Tessera reads, its default and meaning: the tables in README.md and docs/operations.md repeat these rows word for word (test/ops/operations-doc.test.ts). */
export const CONFIG_VARIABLES: ReadonlyArray<{ name: string; default: string; description: string; range?: readonly [number, number] }> = [
  {
    name: 'NODE_ENV',
    default: '(unset)',
    description:
      '`production` enables production mode: a master key and TESSERA_PUBLIC_URL are required, webhook URLs must be https. `development`, `test` or unset: development mode. Any other value (`prod`, `Production`) runs development mode and logs a warning.',
  },
  { name: 'PORT', default: '8080', range: [0, 65535], description: 'TCP port to listen on.' },
  { name: 'HOST', default: '127.0.0.1', description: 'Interface to bind; use 0.0.0.0 in containers.' },
  { name: 'TESSERA_DATA_DIR', default: './data', description: 'Directory for the SQLite database and the generated development master key; created readable by its owner only (0700, files 0600).' },
  { name: 'DATABASE_URL', default: 'SQLite file `tessera.db` in the data dir', description: '`postgres://…` selects PostgreSQL (scale-out); a file path or `sqlite:PATH` selects SQLite.' },
  {
    name: 'TESSERA_PUBLIC_URL',
    default: 'http://HOST:PORT',
    description:
      'Base of every public link a QR code encodes (short links, items, hosted pages). Required in production: the default is an address phones cannot reach (with HOST 0.0.0.0 or ::, http://127.0.0.1:PORT). A host of its own, without a path: Tessera answers from the root (/app, /api, /CODE), and a path logs a warning at every start.',
  },
  {
    name: 'TESSERA_MASTER_KEY',
    default: 'generated into the data dir outside production',
    description: 'Root secret for encryption and signing: 32 bytes as 64 hex characters or base64. Required in production.',
  },
  {
    name: 'LOG_LEVEL',
    default: 'info',
    description:
      'pino level: fatal, error, warn, info, debug, trace or silent. Each request gets one access line at debug (and below); at info a request writes nothing unless it fails with a 5xx, and /metrics counts and times requests (ADR 0020). At debug cached redirects go through Fastify so that every one is logged.',
  },
  {
    name: 'TESSERA_CORS_ORIGINS',
    default: '(empty: CORS off)',
    description:
      'Comma-separated origins allowed to call the API from browsers, written as browsers send them (`https://app.example.com`: scheme, host, port; no path), or `*`. They may use every method the API answers (GET, HEAD, POST, PUT, PATCH, DELETE) with any request header, and read the headers that carry meaning (`X-Content-Hmac`, `X-Request-Id`, `Retry-After`, `RateLimit-*`, …).',
  },
  {
    name: 'TESSERA_BODY_LIMIT',
    default: '1048576',
    range: [1024, 100 * 1_048_576],
    description:
      'Largest accepted request body in bytes (larger bodies get 413), for routes without a limit of their own. These keep theirs whatever it says: bank statements (`POST /api/v1/payments/reconciliations`) 32 MB, bulk creates 4 MB, renders and item creates 512 KB, form submissions 32 KB, item password reveals 8 KB.',
  },
  {
    name: 'TESSERA_TRUST_PROXY',
    default: 'false',
    description:
      'Trust X-Forwarded-* headers behind a reverse proxy or CDN: the number of proxy hops in front of Tessera (1 for one proxy; a client cannot then choose its own address), their addresses or CIDRs (comma-separated), or true for every hop (only when the proxy replaces X-Forwarded-For).',
  },
  { name: 'REDIS_URL', default: '(unset: in-memory)', description: '`redis://…` makes rate limits shared across instances.' },
  { name: 'TESSERA_REDIS_PREFIX', default: 'tessera:', description: 'Prefix of every Redis key, so several deployments can share one Redis.' },
  { name: 'TESSERA_RATE_LIMIT_PER_MINUTE', default: '600', range: [1, 1_000_000], description: 'Requests per minute allowed per API key or session.' },
  {
    name: 'TESSERA_ITEM_CREATES_PER_MINUTE',
    default: '60',
    range: [1, 1_000_000],
    description:
      'Anonymous `POST /api/v0/items` per client network (an IPv4 address or an IPv6 /64) per minute; over it, `429 rate_limited`. Creates with a valid API key or session count against that key or session instead.',
  },
  {
    name: 'TESSERA_ANONYMOUS_ITEMS_MB',
    default: '1024',
    range: [1, 10_000_000],
    description:
      'Content of live anonymous items (no API key or session) this deployment holds at most, in MiB, each item counted at its content plus 1 KiB; past it, anonymous creates are `503 items_storage_full` until items expire, and creates with an API key or session go on. Bounds the disk anonymous callers can fill, whatever number of networks they come from.',
  },
  {
    name: 'TESSERA_ITEM_PASSWORD_CREATES_PER_MINUTE',
    default: '10',
    range: [1, 1_000_000],
    description: 'Of those, password-protected creates per client network per minute: each hashes the password with argon2id (~45 ms of CPU).',
  },
  {
    name: 'TESSERA_ITEM_PASSWORD_CHECKS_PER_MINUTE',
    default: '60',
    range: [1, 1_000_000],
    description:
      'Item passwords checked per client network per minute, right or wrong, for any items (each runs argon2id, ~45 ms of CPU); over it, `429 rate_limited` until the minute ends. Everyone behind one address (an office NAT; every visitor behind a proxy unless `TESSERA_TRUST_PROXY` is set) shares it: raise it for an item many people open from one place. Wrong ones have their own, lower limits per item.',
  },
  { name: 'TESSERA_SESSION_TTL_HOURS', default: '336', range: [1, 24 * 365], description: 'Dashboard session lifetime; it slides with use.' },
  {
    name: 'TESSERA_SESSION_MAX_DAYS',
    default: '30',
    range: [1, 365],
    description: 'The longest a dashboard session lasts however much it is used; then the person signs in again. A stolen cookie stops working by then at the latest.',
  },
  {
    name: 'TESSERA_WORKER',
    default: 'true',
    description:
      'Run the webhook/sweeper worker inside `serve`; set false when running `tessera worker` separately (PostgreSQL only: on SQLite no worker may run beside `serve`, so false runs no background jobs at all, and `serve` warns).',
  },
  {
    name: 'TESSERA_WEBHOOK_ALLOWED_HOSTS',
    default: '(empty)',
    description: 'Comma-separated host names, IP addresses or CIDRs (no scheme or port) that webhooks may reach even though private or loopback (tests, internal receivers).',
  },
  {
    name: 'TESSERA_WEBHOOK_LEASE_SECONDS',
    default: '60',
    range: [1, 86_400],
    description:
      "How long a worker's claim on a webhook delivery lasts. A worker that dies mid-delivery leaves its claims behind; another worker sends them again (same `webhook-id`) once they expire. A delivery waits for its receiver 15 s, or half the lease when that is shorter, so a request is never still running when its claim is taken over.",
  },
  { name: 'TESSERA_MORPH_TTL_SECONDS', default: '30', range: [5, 3600], description: 'How long a signed morphing render URL stays valid.' },
  { name: 'TESSERA_MORPH_STEP_SECONDS', default: '30', range: [15, 30], description: 'Rotation step of a morphing code payload (15–30).' },
  { name: 'TESSERA_SCAN_FLUSH_MS', default: '1000', range: [10, 60_000], description: 'How often buffered scan events are written to the database.' },
  {
    name: 'TESSERA_SCAN_BUFFER_MAX',
    default: '100000',
    range: [1000, 10_000_000],
    description:
      'Most scan events an instance holds in memory while the database cannot take them (about 0.3 KB each): they are written once it answers again. While the buffer is full, further scans are dropped and counted in `tessera_scans_dropped_total` and logged; redirects keep answering either way.',
  },
  {
    name: 'TESSERA_SCAN_RETENTION_DAYS',
    default: '395',
    range: [1, 36_500],
    description: 'Raw scans older than this are deleted; daily rollups are kept. On PostgreSQL whole expired months are dropped (see *Scan retention and partitions* in docs/operations.md).',
  },
  { name: 'TESSERA_IP_STORAGE', default: 'anonymized', description: '`anonymized` keeps IPv4 /24 and IPv6 /48 prefixes; `none` stores no IP at all.' },
  { name: 'TESSERA_COUNTRY_HEADER', default: '(unset)', description: 'Name of the trusted proxy/CDN header carrying the visitor country, e.g. `cf-ipcountry`.' },
  {
    name: 'TESSERA_GEOIP_DB',
    default: '(unset)',
    description: 'Path to an offline MaxMind DB (`.mmdb`) country database (GeoLite2-Country, DB-IP Lite, …); used at flush time when the country header gives nothing.',
  },
  {
    name: 'TESSERA_SHUTDOWN_TIMEOUT_MS',
    default: '10000',
    range: [100, 600_000],
    description: 'How long graceful shutdown (`serve` and `worker`) waits for in-flight requests, the last scan flush and running jobs before exiting 1.',
  },
  {
    name: 'TESSERA_SIGNUP',
    default: 'first',
    description:
      "Who may sign up over HTTP (`POST /api/v1/auth/signup`): `first` lets the first person create the instance's first account and then closes; `open` lets anyone; `closed` lets nobody. `tessera account create` works in every mode.",
  },
  {
    name: 'TESSERA_METRICS_TOKEN',
    default: '(unset)',
    description:
      'Serves Prometheus metrics at `GET /metrics` on the main port to requests with `Authorization: Bearer <token>` (at least 16 characters). Unset (and no metrics port): `/metrics` is a 404.',
  },
  {
    name: 'TESSERA_METRICS_PORT',
    default: '(unset)',
    range: [1, 65535],
    description: 'Serves `/metrics` without a token on this separate port (for a scraper on a private network; it must differ from PORT); `tessera worker` serves its own metrics there too.',
  },
  { name: 'TESSERA_METRICS_HOST', default: 'HOST', description: 'Interface the metrics port binds to.' },
];

const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'];

// An integer variable's bounds are declared once, beside its description, so the operations
// guide can state them (test/ops/operations-doc.test.ts) rather than only the error message.
const INTEGER_RANGES = new Map(CONFIG_VARIABLES.flatMap((v) => (v.range ? [[v.name, v.range] as const] : [])));

function int(env: Env, name: string, fallback: number): number {
  const range = INTEGER_RANGES.get(name);
  if (!range) throw new Error(`${name} declares no range in CONFIG_VARIABLES`);
  const [min, max] = range;
  const raw = env[name];
  if (raw === undefined || raw === '') return fallback;
  if (!/^-?\d+$/.test(raw.trim())) throw new ConfigError(name, `expected an integer, got '${raw}'`);
  const value = Number(raw);
  if (value < min || value > max) throw new ConfigError(name, `must be between ${min} and ${max}, got ${value}`);
  return value;
}

function bool(env: Env, name: string, fallback: boolean): boolean {
  const raw = env[name]?.trim().toLowerCase();
  if (raw === undefined || raw === '') return fallback;
  if (['1', 'true', 'yes', 'on'].includes(raw)) return true;
  if (['0', 'false', 'no', 'off'].includes(raw)) return false;
  throw new ConfigError(name, `expected true or false, got '${env[name]}'`);
}

/**
 * TESSERA_TRUST_PROXY: `false`; `true` (every hop, so the left-most X-Forwarded-For address, which
 * a client can write itself unless the proxy replaces the header); a number of proxy hops in front
 * of Tessera (the client is the address the outermost of them saw, so whatever a client puts in
 * front is ignored); or the proxies' addresses and CIDRs (and proxy-addr's names `loopback`,
 * `linklocal`, `uniquelocal`).
 */
export type TrustProxy = boolean | number | readonly string[];

const PROXY_NAMES = new Set(['loopback', 'linklocal', 'uniquelocal']);

function isProxyAddress(entry: string): boolean {
  return PROXY_NAMES.has(entry) || isAddressOrCidr(entry);
}

/** An IP address, or a CIDR whose prefix fits its family. */
function isAddressOrCidr(entry: string): boolean {
  const [address = '', prefix, ...rest] = entry.split('/');
  const family = isIP(address);
  if (family === 0 || rest.length > 0) return false;
  if (prefix === undefined) return true;
  return /^\d{1,3}$/.test(prefix) && Number(prefix) <= (family === 4 ? 32 : 128);
}

function trustProxy(env: Env): TrustProxy {
  const raw = env.TESSERA_TRUST_PROXY?.trim() ?? '';
  const lower = raw.toLowerCase();
  if (['', 'false', 'no', 'off', '0'].includes(lower)) return false;
  if (['true', 'yes', 'on'].includes(lower)) return true;
  if (/^\d+$/.test(raw)) {
    const hops = Number(raw);
    if (hops > 16) throw new ConfigError('TESSERA_TRUST_PROXY', `a number of proxy hops must be at most 16, got ${hops}`);
    return hops;
  }
  const entries = raw
    .split(',')
    .map((entry) => entry.trim())
    .filter(Boolean);
  const bad = entries.find((entry) => !isProxyAddress(entry));
  if (bad !== undefined) {
    throw new ConfigError('TESSERA_TRUST_PROXY', `expected true, false, a number of proxy hops, or the proxies' addresses or CIDRs separated by commas; '${bad}' is none of these`);
  }
  return Object.freeze(entries);
}

function list(env: Env, name: string): string[] {
  return (env[name] ?? '')
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean);
}

// Each of these lists used to be taken as written, and an entry that could never match (an origin
// without its scheme, a host with a port) made the setting silently do nothing.

/** TESSERA_CORS_ORIGINS: `*`, or origins exactly as browsers send them in the Origin header. */
function corsOrigins(env: Env): string[] {
  const entries = list(env, 'TESSERA_CORS_ORIGINS');
  for (const entry of entries) {
    if (entry === '*') continue;
    if (entry.includes('*')) throw new ConfigError('TESSERA_CORS_ORIGINS', `'${entry}': origins are compared whole, so a wildcard inside one never matches; list each origin, or * for any origin`);
    let origin: string | undefined;
    try {
      origin = new URL(entry).origin;
    } catch {}
    if (origin === entry) continue;
    // An app's own scheme (capacitor://localhost, tauri://localhost, chrome-extension://id) has no
    // WHATWG origin ('null'), but the browser sends it as written: scheme://host[:port].
    if (origin === 'null' && /^[a-z][a-z0-9+.-]*:\/\/[^/?#\s]+$/i.test(entry)) continue;
    const hint = origin && origin !== 'null' ? `write '${origin}'` : 'write it as scheme://host[:port], e.g. https://app.example.com';
    throw new ConfigError('TESSERA_CORS_ORIGINS', `'${entry}' is not an origin as a browser sends it (scheme, host and port only, no path or trailing slash): ${hint}, or * for any origin`);
  }
  return entries;
}

/** TESSERA_WEBHOOK_ALLOWED_HOSTS: host names (compared with the webhook URL's host), IP addresses or CIDRs. */
function webhookAllowedHosts(env: Env): string[] {
  const entries = list(env, 'TESSERA_WEBHOOK_ALLOWED_HOSTS');
  for (const entry of entries) {
    const host = entry.replace(/^\[(.*)\]$/, '$1');
    const name = /^(?![\d.]+$)[a-z0-9_](?:[a-z0-9_-]{0,61}[a-z0-9_])?(?:\.[a-z0-9_](?:[a-z0-9_-]{0,61}[a-z0-9_])?)*\.?$/i;
    if (isAddressOrCidr(host) || name.test(host)) continue;
    throw new ConfigError(
      'TESSERA_WEBHOOK_ALLOWED_HOSTS',
      `'${entry}' is neither a host name, an IP address nor a CIDR; list them separated by commas, without scheme, port or path (e.g. hooks.internal,10.0.0.0/8)`,
    );
  }
  return entries;
}

/** TESSERA_COUNTRY_HEADER: one HTTP header name (RFC 9110 token), compared lowercase. */
function countryHeader(env: Env): string | null {
  const raw = env.TESSERA_COUNTRY_HEADER?.trim();
  if (!raw) return null;
  if (!/^[!#$%&'*+.^_`|~0-9a-z-]+$/i.test(raw)) {
    throw new ConfigError('TESSERA_COUNTRY_HEADER', `'${raw}' is not an HTTP header name (letters, digits and - without spaces or colon); write the header your proxy or CDN sets, e.g. cf-ipcountry`);
  }
  return raw.toLowerCase();
}

/** Parses a master key given as 64 hex characters or base64/base64url of 32 bytes. */
export function parseMasterKey(raw: string, variable = 'TESSERA_MASTER_KEY'): Buffer {
  const text = raw.trim();
  const key = /^[0-9a-fA-F]{64}$/.test(text) ? Buffer.from(text, 'hex') : Buffer.from(text, 'base64');
  if (key.length !== 32 || (!/^[0-9a-fA-F]{64}$/.test(text) && !/^[A-Za-z0-9+/_-]{43}=?$/.test(text))) {
    throw new ConfigError(variable, 'must be 32 bytes as 64 hex characters or base64 (generate one with `openssl rand -hex 32`)');
  }
  return key;
}

/** The sslmode values pg 8 reads (docs/operations.md, *TLS to PostgreSQL*, says what each checks). */
const PG_SSL_MODES = ['disable', 'prefer', 'require', 'verify-ca', 'verify-full', 'no-verify'];

function database(env: Env, dataDir: string): { dialect: Dialect; databaseUrl: string } {
  const raw = env.DATABASE_URL?.trim();
  if (!raw) return { dialect: 'sqlite', databaseUrl: path.join(dataDir, 'tessera.db') };
  if (/^postgres(ql)?:\/\//i.test(raw)) {
    let url: URL;
    try {
      url = new URL(raw);
    } catch {
      throw new ConfigError('DATABASE_URL', 'is not a valid postgres:// URL');
    }
    // The driver takes an sslmode it does not know (a typo, `Disable`, libpq's `allow`) as full
    // verification: the start then failed with "The server does not support SSL connections" or a
    // certificate error, never naming the word that was wrong.
    const sslmode = url.searchParams.get('sslmode');
    if (sslmode !== null && !PG_SSL_MODES.includes(sslmode)) {
      throw new ConfigError(
        'DATABASE_URL',
        `sslmode '${sslmode}' is not one the PostgreSQL driver knows (${PG_SSL_MODES.join(', ')}, lowercase); write sslmode=verify-full to check the server's certificate and name (docs/operations.md, TLS to PostgreSQL)`,
      );
    }
    return { dialect: 'postgres', databaseUrl: raw };
  }
  if (/^[a-z][a-z0-9+.-]*:\/\//i.test(raw)) {
    throw new ConfigError('DATABASE_URL', `unsupported scheme in '${raw.split(':')[0]}://…'; use postgres://… or a SQLite file path`);
  }
  // A PostgreSQL URL with a typo ('postgres:/host/db', 'postgresql//host/db') would otherwise be
  // taken for a SQLite file of that name: a new, empty database that migrates and serves.
  if (/^postgres(ql)?(:|\/\/)/i.test(raw)) {
    throw new ConfigError('DATABASE_URL', `'${raw.replace(/^([a-z]+:?\/*)[^@]*@/i, '$1…@')}' is neither a postgres:// URL nor a SQLite file path; write postgres://user@host:5432/database`);
  }
  const file = raw.replace(/^sqlite:/i, '');
  return { dialect: 'sqlite', databaseUrl: file === ':memory:' ? file : path.resolve(file) };
}

function publicUrl(env: Env, host: string, port: number, production: boolean): string {
  const raw = env.TESSERA_PUBLIC_URL?.trim();
  const fallbackHost = host === '0.0.0.0' || host === '::' ? '127.0.0.1' : host;
  const value = raw || `http://${fallbackHost.includes(':') ? `[${fallbackHost}]` : fallbackHost}:${port}`;
  // The default is this machine's own address: every code printed with it would send phones to
  // 127.0.0.1 (or a private address), and a printed code cannot be corrected afterwards.
  if (!raw && production) {
    throw new ConfigError(
      'TESSERA_PUBLIC_URL',
      `is required when NODE_ENV=production: every QR code and short link encodes it, and without it they would point at ${value}, this machine's own address; set it to the address people reach Tessera at, e.g. https://qr.example.com`,
    );
  }
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    // Unset, the URL is built from HOST: then HOST is what to fix.
    if (!raw) throw new ConfigError('HOST', `'${host}' is not a host name or IP address (the default TESSERA_PUBLIC_URL, '${value}', is built from it)`);
    throw new ConfigError('TESSERA_PUBLIC_URL', `is not a URL: '${value}'`);
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') throw new ConfigError('TESSERA_PUBLIC_URL', 'must be http:// or https://');
  if (url.search || url.hash) throw new ConfigError('TESSERA_PUBLIC_URL', 'must not carry a query or fragment');
  return url.toString().replace(/\/+$/, '');
}

/**
 * Tessera answers from the root of its address (/app, /api, /CODE): a public URL with a path
 * encodes that path into every code, which then works only behind a proxy that strips it, and
 * the dashboard, whose files and API calls are root-absolute, does not load there at all. Not
 * refused, since a stripping proxy does serve codes and the API; said at every start.
 */
function publicUrlPathWarning(url: string): string | null {
  const { pathname } = new URL(url);
  if (pathname === '/' || pathname === '') return null;
  return `TESSERA_PUBLIC_URL has a path (${pathname}), but Tessera answers from the root of its address (/app, /api, /CODE): every code and link will encode ${url}/…, which opens only behind a proxy that strips ${pathname}, and the dashboard does not load under it; give Tessera a host name of its own (e.g. https://qr.example.com)`;
}

const NODE_ENVS = ['production', 'development', 'test'];

/**
 * NODE_ENV as the Node ecosystem reads it: exactly `production`, case-sensitive, is production
 * mode. An unknown value still starts (some setups name their own stages in it), in development
 * mode, but with a warning: a typo (`prod`, `Production`) used to drop production's checks silently.
 */
function nodeEnv(env: Env): { production: boolean; warnings: string[] } {
  const raw = env.NODE_ENV ?? '';
  if (raw === '' || NODE_ENVS.includes(raw)) return { production: raw === 'production', warnings: [] };
  const warning = `NODE_ENV is '${raw}', which is not one of ${NODE_ENVS.join(', ')} (case-sensitive): running in development mode, without production's checks; set NODE_ENV=production for production`;
  return { production: false, warnings: [warning] };
}

/** Reads and validates the environment once; throws ConfigError naming the first bad variable. */
export function loadConfig(env: Env = process.env): Config {
  const { production, warnings } = nodeEnv(env);
  const port = int(env, 'PORT', 8080);
  const host = env.HOST?.trim() || '127.0.0.1';
  const dataDir = path.resolve(env.TESSERA_DATA_DIR?.trim() || './data');
  const logLevel = env.LOG_LEVEL?.trim() || 'info';
  if (!LOG_LEVELS.includes(logLevel)) throw new ConfigError('LOG_LEVEL', `must be one of ${LOG_LEVELS.join(', ')}; got '${logLevel}'`);
  const masterRaw = env.TESSERA_MASTER_KEY;
  const masterKey = masterRaw ? parseMasterKey(masterRaw) : null;
  if (production && !masterKey) {
    throw new ConfigError('TESSERA_MASTER_KEY', 'is required when NODE_ENV=production (generate one with `openssl rand -hex 32`)');
  }
  const redisUrl = env.REDIS_URL?.trim() || null;
  if (redisUrl && !/^rediss?:\/\//.test(redisUrl)) throw new ConfigError('REDIS_URL', 'must start with redis:// or rediss://');
  const ipStorage = (env.TESSERA_IP_STORAGE?.trim() || 'anonymized') as IpStorage;
  if (ipStorage !== 'anonymized' && ipStorage !== 'none') throw new ConfigError('TESSERA_IP_STORAGE', `must be 'anonymized' or 'none'; got '${ipStorage}'`);
  const morphStepSeconds = int(env, 'TESSERA_MORPH_STEP_SECONDS', 30);
  const resolvedPublicUrl = publicUrl(env, host, port, production);
  const pathWarning = publicUrlPathWarning(resolvedPublicUrl);
  if (pathWarning) warnings.push(pathWarning);
  const signup = (env.TESSERA_SIGNUP?.trim().toLowerCase() || 'first') as SignupMode;
  if (!SIGNUP_MODES.includes(signup)) throw new ConfigError('TESSERA_SIGNUP', `must be one of ${SIGNUP_MODES.join(', ')}; got '${env.TESSERA_SIGNUP}'`);

  return Object.freeze({
    production,
    warnings: Object.freeze(warnings),
    port,
    host,
    dataDir,
    ...database(env, dataDir),
    publicUrl: resolvedPublicUrl,
    masterKey,
    logLevel,
    corsOrigins: Object.freeze(corsOrigins(env)),
    bodyLimitBytes: int(env, 'TESSERA_BODY_LIMIT', 1_048_576),
    trustProxy: trustProxy(env),
    redisUrl,
    redisPrefix: env.TESSERA_REDIS_PREFIX?.trim() || 'tessera:',
    rateLimitPerMinute: int(env, 'TESSERA_RATE_LIMIT_PER_MINUTE', 600),
    itemCreatesPerMinute: int(env, 'TESSERA_ITEM_CREATES_PER_MINUTE', 60),
    anonymousItemsBytes: int(env, 'TESSERA_ANONYMOUS_ITEMS_MB', 1024) * 1_048_576,
    itemPasswordCreatesPerMinute: int(env, 'TESSERA_ITEM_PASSWORD_CREATES_PER_MINUTE', 10),
    itemPasswordChecksPerMinute: int(env, 'TESSERA_ITEM_PASSWORD_CHECKS_PER_MINUTE', 60),
    sessionTtlHours: int(env, 'TESSERA_SESSION_TTL_HOURS', 336),
    sessionMaxDays: int(env, 'TESSERA_SESSION_MAX_DAYS', 30),
    runWorker: bool(env, 'TESSERA_WORKER', true),
    webhookAllowedHosts: Object.freeze(webhookAllowedHosts(env)),
    webhookLeaseMs: int(env, 'TESSERA_WEBHOOK_LEASE_SECONDS', 60) * 1000,
    morphTtlSeconds: int(env, 'TESSERA_MORPH_TTL_SECONDS', 30),
    morphStepSeconds,
    scanFlushMs: int(env, 'TESSERA_SCAN_FLUSH_MS', 1000),
    scanRetentionDays: int(env, 'TESSERA_SCAN_RETENTION_DAYS', 395),
    ipStorage,
    countryHeader: countryHeader(env),
    geoipDbPath: env.TESSERA_GEOIP_DB?.trim() || null,
    shutdownTimeoutMs: int(env, 'TESSERA_SHUTDOWN_TIMEOUT_MS', 10_000),
    signup,
    scanBufferMax: int(env, 'TESSERA_SCAN_BUFFER_MAX', 100_000),
    metricsToken: metricsToken(env),
    metricsPort: metricsPort(env, port, host, env.TESSERA_METRICS_HOST?.trim() || host),
    metricsHost: env.TESSERA_METRICS_HOST?.trim() || host,
  });
}

const ANY_ADDRESS = new Set(['0.0.0.0', '::', '']);

function metricsPort(env: Env, port: number, host: string, metricsHost: string): number | null {
  if (!env.TESSERA_METRICS_PORT?.trim()) return null;
  const value = int(env, 'TESSERA_METRICS_PORT', 0);
  // Else the second listen fails as "in use by another process", the other process being Tessera.
  // Two addresses of one machine (a public one for the API, loopback for metrics) may share it.
  const overlap = host === metricsHost || ANY_ADDRESS.has(host) || ANY_ADDRESS.has(metricsHost);
  if (value === port && overlap)
    throw new ConfigError(
      'TESSERA_METRICS_PORT',
      `must differ from PORT (${port}) on the same address: the main server listens there; choose another port for metrics, or another TESSERA_METRICS_HOST`,
    );
  return value;
}

function metricsToken(env: Env): string | null {
  const token = env.TESSERA_METRICS_TOKEN?.trim();
  if (!token) return null;
  if (token.length < 16 || /\s/.test(token)) throw new ConfigError('TESSERA_METRICS_TOKEN', 'must be at least 16 characters without spaces (generate one with `openssl rand -hex 24`)');
  return token;
}
