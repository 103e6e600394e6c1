// compose.yaml, read as Docker Compose reads it (images cannot be pulled here, so the file is
// checked rather than run): the topology docs/operations.md describes (PostgreSQL, Redis, a
// one-shot migration, two web instances behind a proxy that health-checks /readyz, one worker),
// every instance configured alike, and only variables Tessera reads.
import fs from 'node:fs';
import { expect, it } from 'vitest';
import { parse } from 'yaml';
import { CONFIG_VARIABLES } from '../../src/config.ts';

interface Service {
  image?: string;
  build?: string;
  command?: string[];
  environment?: Record<string, string>;
  depends_on?: Record<string, { condition: string }> | string[];
  healthcheck?: { disable?: boolean; test?: string[] };
  stop_grace_period?: string;
  ports?: string[];
  volumes?: string[];
  configs?: { source: string; target: string }[];
}
interface Compose {
  services: Record<string, Service>;
  configs: Record<string, { content: string }>;
  volumes: Record<string, unknown>;
}

// Anchors and merge keys (`<<: *tessera`) resolved, as Compose does.
const compose = parse(fs.readFileSync('compose.yaml', 'utf8'), { merge: true }) as Compose;
const { services } = compose;
const TESSERA = ['migrate', 'web1', 'web2', 'worker'];

it('runs PostgreSQL, Redis, a migration, two web instances, a worker and a proxy', () => {
  expect(Object.keys(services).sort()).toEqual(['migrate', 'postgres', 'proxy', 'redis', 'web1', 'web2', 'worker']);
  expect(services.postgres!.image).toMatch(/^postgres:\d+/);
  expect(services.postgres!.volumes).toEqual(['postgres-data:/var/lib/postgresql/data']);
  expect(Object.keys(compose.volumes)).toContain('postgres-data');
  expect(services.postgres!.healthcheck?.test?.join(' ')).toContain('pg_isready');
  expect(services.redis!.image).toMatch(/^redis:/);
  expect(services.migrate!.command).toEqual(['node', 'bin/tessera.js', 'migrate']);
  expect(services.migrate!.depends_on).toEqual({ postgres: { condition: 'service_healthy' } });
  expect(services.worker!.command).toEqual(['node', 'bin/tessera.js', 'worker']);
  // The web instances run the image's default command (serve), after the migration.
  for (const web of ['web1', 'web2']) {
    expect(services[web]!.command).toBeUndefined();
    expect(services[web]!.depends_on).toMatchObject({ migrate: { condition: 'service_completed_successfully' } });
  }
});

it('gives every Tessera service longer to stop than its own shutdown timeout, so Docker never kills a drain', () => {
  const seconds = (value: string | undefined) => Number(/^(\d+)s$/.exec(value ?? '')?.[1] ?? 10);
  const timeoutMs = Number(services.web1!.environment!.TESSERA_SHUTDOWN_TIMEOUT_MS ?? 10_000);
  for (const name of TESSERA) expect(seconds(services[name]!.stop_grace_period) * 1000, name).toBeGreaterThan(timeoutMs + 5000);
});

it('configures every Tessera service alike, on the shared database, Redis and master key, with the worker alone running jobs', () => {
  const known = new Set(CONFIG_VARIABLES.map((v) => v.name));
  const environments = TESSERA.map((name) => services[name]!.environment!);
  for (const [i, env] of environments.entries()) {
    expect(env, TESSERA[i]).toEqual(environments[0]);
    for (const name of Object.keys(env)) if (name !== 'NODE_ENV') expect(known, `${TESSERA[i]}: ${name} is not a variable Tessera reads`).toContain(name);
    expect(services[TESSERA[i]!]!.build).toBe('.');
  }
  const env = environments[0]!;
  expect(env.DATABASE_URL).toMatch(/^postgres:\/\/tessera:\$\{POSTGRES_PASSWORD:\?[^}]+\}@postgres:5432\/tessera$/);
  expect(env.REDIS_URL).toBe('redis://redis:6379');
  // Required, never defaulted: every instance must decrypt what the others stored.
  expect(env.TESSERA_MASTER_KEY).toMatch(/^\$\{TESSERA_MASTER_KEY:\?/);
  // Required too: a default would be encoded into every QR code printed, and phones scanning it
  // cannot reach localhost (production refuses to start without it).
  expect(env.TESSERA_PUBLIC_URL).toMatch(/^\$\{TESSERA_PUBLIC_URL:\?[^}]+\}$/);
  expect(env.TESSERA_WORKER).toBe('false');
  expect(env.TESSERA_TRUST_PROXY).toBe('1');
  // Metrics on their own port inside the network, never published.
  expect(env.TESSERA_METRICS_PORT).toBeDefined();
  for (const name of TESSERA) expect(services[name]!.ports, name).toBeUndefined();
});

it('puts both web instances behind the proxy, which takes one out of rotation while its /readyz fails', () => {
  const proxy = services.proxy!;
  expect(proxy.ports).toEqual(['8080:80']);
  const caddyfile = compose.configs[proxy.configs![0]!.source]!.content;
  const port = /^EXPOSE (\d+)$/m.exec(fs.readFileSync('Dockerfile', 'utf8'))![1];
  expect(caddyfile).toMatch(new RegExp(`reverse_proxy web1:${port} web2:${port} \\{`));
  expect(caddyfile).toMatch(/health_uri \/readyz/);
  expect(proxy.depends_on).toEqual(['web1', 'web2']);
});
