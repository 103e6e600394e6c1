import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { CONFIG_VARIABLES, ConfigError, loadConfig } from '../../src/config.ts';
import { ensureMasterKey } from '../../src/crypto/master-key.ts';

function configError(env: Record<string, string>): ConfigError {
  try {
    loadConfig(env);
  } catch (error) {
    if (error instanceof ConfigError) return error;
    throw error;
  }
  throw new Error('expected a ConfigError');
}

describe('config', () => {
  it('has documented defaults: SQLite in ./data, 127.0.0.1:8080, public URL from host and port', () => {
    const config = loadConfig({});
    expect(config).toMatchObject({ port: 8080, host: '127.0.0.1', dialect: 'sqlite', logLevel: 'info', publicUrl: 'http://127.0.0.1:8080', production: false, masterKey: null });
    expect(config.dataDir).toBe(path.resolve('./data'));
    expect(config.databaseUrl).toBe(path.join(path.resolve('./data'), 'tessera.db'));
    expect(Object.isFrozen(config)).toBe(true);
    expect(config.signup).toBe('first');
    expect(loadConfig({ TESSERA_SIGNUP: ' Open ' }).signup).toBe('open');
  });

  it("reads TESSERA_TRUST_PROXY as off, every hop, a number of hops, or the proxies' addresses, and names a bad entry", () => {
    const trust = (value: string) => loadConfig({ TESSERA_TRUST_PROXY: value }).trustProxy;
    expect([trust(''), trust('false'), trust('0'), trust('off')]).toEqual([false, false, false, false]);
    expect([trust('true'), trust('Yes'), trust('on')]).toEqual([true, true, true]);
    expect([trust('1'), trust('2')]).toEqual([1, 2]);
    expect(trust(' 10.0.0.0/8, 2001:db8::/32 ,loopback,192.0.2.7')).toEqual(['10.0.0.0/8', '2001:db8::/32', 'loopback', '192.0.2.7']);
    expect(configError({ TESSERA_TRUST_PROXY: '10.0.0.0/33' }).message).toMatch(/TESSERA_TRUST_PROXY.*'10\.0\.0\.0\/33' is none of these/);
    expect(configError({ TESSERA_TRUST_PROXY: 'proxy.internal' }).message).toMatch(/a number of proxy hops, or the proxies' addresses/);
    expect(configError({ TESSERA_TRUST_PROXY: '99' }).message).toMatch(/at most 16/);
  });

  it('selects PostgreSQL from a postgres:// URL', () => {
    expect(loadConfig({ DATABASE_URL: 'postgres://u@db:5432/tessera' })).toMatchObject({ dialect: 'postgres', databaseUrl: 'postgres://u@db:5432/tessera' });
    for (const mode of ['disable', 'require', 'verify-full', 'no-verify']) expect(loadConfig({ DATABASE_URL: `postgres://u@db/t?sslmode=${mode}` }).dialect).toBe('postgres');
    // One port on two addresses of the machine is no clash (API on a public address, metrics on loopback).
    expect(loadConfig({ HOST: '192.0.2.10', PORT: '9000', TESSERA_METRICS_PORT: '9000', TESSERA_METRICS_HOST: '127.0.0.1' })).toMatchObject({ metricsPort: 9000, metricsHost: '127.0.0.1' });
    expect(() => loadConfig({ HOST: '0.0.0.0', PORT: '9000', TESSERA_METRICS_PORT: '9000', TESSERA_METRICS_HOST: '127.0.0.1' })).toThrow('must differ from PORT (9000) on the same address');
    // Apps' own schemes are origins as browsers send them; a wildcard inside an origin never matches.
    expect(loadConfig({ TESSERA_CORS_ORIGINS: 'capacitor://localhost,chrome-extension://abcdefghijklmnop,https://app.example.com' }).corsOrigins).toHaveLength(3);
    expect(() => loadConfig({ TESSERA_CORS_ORIGINS: 'https://*.example.com' })).toThrow('a wildcard inside one never matches');
    expect(loadConfig({ DATABASE_URL: 'postgres.db' })).toMatchObject({ dialect: 'sqlite', databaseUrl: path.resolve('postgres.db') });
  });

  it.each([
    [{ PORT: 'eighty' }, 'PORT', 'integer'],
    [{ PORT: '70000' }, 'PORT', 'between 0 and 65535'],
    [{ LOG_LEVEL: 'loud' }, 'LOG_LEVEL', 'must be one of'],
    [{ TESSERA_MASTER_KEY: 'short' }, 'TESSERA_MASTER_KEY', '32 bytes'],
    [{ TESSERA_PUBLIC_URL: 'ftp://x' }, 'TESSERA_PUBLIC_URL', 'http'],
    [{ TESSERA_PUBLIC_URL: 'not a url' }, 'TESSERA_PUBLIC_URL', 'not a URL'],
    // No TESSERA_PUBLIC_URL: the default is built from HOST, so the error names HOST.
    [{ HOST: '999.1.1.1' }, 'HOST', "'999.1.1.1' is not a host name or IP address"],
    [{ DATABASE_URL: 'mysql://x/y' }, 'DATABASE_URL', 'unsupported scheme'],
    // Typos of a PostgreSQL URL are not SQLite file names (they made a new, empty database).
    [{ DATABASE_URL: 'postgres:/localhost/db' }, 'DATABASE_URL', 'neither a postgres:// URL nor a SQLite file path'],
    [{ DATABASE_URL: 'postgresql//u:secret@localhost/db' }, 'DATABASE_URL', "'postgresql//…@localhost/db' is neither"],
    [{ DATABASE_URL: 'postgresql:/u:secret@localhost/db' }, 'DATABASE_URL', "'postgresql:/…@localhost/db' is neither"],
    // The driver read an sslmode it does not know as verify-full, and the start failed naming SSL, not the typo.
    [{ DATABASE_URL: 'postgres://u@db/t?sslmode=verfiy-full' }, 'DATABASE_URL', "sslmode 'verfiy-full' is not one the PostgreSQL driver knows (disable, prefer"],
    [{ DATABASE_URL: 'postgres://u@db/t?sslmode=Disable' }, 'DATABASE_URL', "sslmode 'Disable'"],
    [{ TESSERA_WORKER: 'maybe' }, 'TESSERA_WORKER', 'true or false'],
    [{ REDIS_URL: 'http://x' }, 'REDIS_URL', 'redis://'],
    [{ TESSERA_MORPH_STEP_SECONDS: '5' }, 'TESSERA_MORPH_STEP_SECONDS', 'between 15 and 30'],
    [{ TESSERA_IP_STORAGE: 'full' }, 'TESSERA_IP_STORAGE', 'anonymized'],
    [{ TESSERA_SIGNUP: 'invite' }, 'TESSERA_SIGNUP', 'first, open, closed'],
    // The same port twice failed at listen, blaming "another process" that was Tessera itself.
    [{ PORT: '9000', TESSERA_METRICS_PORT: '9000' }, 'TESSERA_METRICS_PORT', 'must differ from PORT (9000)'],
    [{ TESSERA_METRICS_PORT: '8080' }, 'TESSERA_METRICS_PORT', 'must differ from PORT (8080)'],
  ])('rejects %o naming %s', (env, variable, text) => {
    const error = configError(env as Record<string, string>);
    expect(error.variable).toBe(variable);
    expect(error.message).toContain(variable);
    expect(error.message).toContain(text);
  });

  it.each([
    // The values an operator audit tried: each started, and the setting then never matched anything.
    [{ TESSERA_CORS_ORIGINS: 'example.com' }, 'TESSERA_CORS_ORIGINS', 'write it as scheme://host[:port]'],
    [{ TESSERA_CORS_ORIGINS: 'https://App.example.com/' }, 'TESSERA_CORS_ORIGINS', "write 'https://app.example.com'"],
    [{ TESSERA_CORS_ORIGINS: 'https://a.example.com, localhost:3000' }, 'TESSERA_CORS_ORIGINS', "'localhost:3000' is not an origin"],
    [{ TESSERA_COUNTRY_HEADER: 'cf ipcountry' }, 'TESSERA_COUNTRY_HEADER', "'cf ipcountry' is not an HTTP header name"],
    [{ TESSERA_COUNTRY_HEADER: 'cf-ipcountry:' }, 'TESSERA_COUNTRY_HEADER', 'e.g. cf-ipcountry'],
    [{ TESSERA_WEBHOOK_ALLOWED_HOSTS: '%%garbage%%' }, 'TESSERA_WEBHOOK_ALLOWED_HOSTS', "'%%garbage%%' is neither a host name, an IP address nor a CIDR"],
    [{ TESSERA_WEBHOOK_ALLOWED_HOSTS: 'localhost:3000' }, 'TESSERA_WEBHOOK_ALLOWED_HOSTS', 'without scheme, port or path'],
    [{ TESSERA_WEBHOOK_ALLOWED_HOSTS: 'http://hooks.internal' }, 'TESSERA_WEBHOOK_ALLOWED_HOSTS', 'neither'],
    [{ TESSERA_WEBHOOK_ALLOWED_HOSTS: '10.0.0.0/33' }, 'TESSERA_WEBHOOK_ALLOWED_HOSTS', 'neither'],
    [{ TESSERA_WEBHOOK_ALLOWED_HOSTS: '999.1.1.1' }, 'TESSERA_WEBHOOK_ALLOWED_HOSTS', 'neither'],
  ])('rejects a list entry that could never match: %o', (env, variable, text) => {
    const error = configError(env as Record<string, string>);
    expect(error.variable).toBe(variable);
    expect(error.message).toContain(text);
  });

  it('accepts origins, header names, hosts, addresses and CIDRs as documented', () => {
    expect(loadConfig({ TESSERA_CORS_ORIGINS: ' https://app.example.com, http://localhost:5173 ' }).corsOrigins).toEqual(['https://app.example.com', 'http://localhost:5173']);
    expect(loadConfig({ TESSERA_CORS_ORIGINS: '*' }).corsOrigins).toEqual(['*']);
    expect(loadConfig({ TESSERA_COUNTRY_HEADER: ' CF-IPCountry ' }).countryHeader).toBe('cf-ipcountry');
    const hosts = '127.0.0.1, 10.0.0.0/8, ::1, [::1], fd00::/8, localhost, hooks.internal., receiver_1, Hooks.Example.com';
    expect(loadConfig({ TESSERA_WEBHOOK_ALLOWED_HOSTS: hosts }).webhookAllowedHosts).toHaveLength(9);
  });

  it('blames TESSERA_PUBLIC_URL only when it is set', () => {
    // With the URL given, a bad HOST is left to the listen, which names HOST (tessera serve).
    expect(loadConfig({ HOST: '999.1.1.1', TESSERA_PUBLIC_URL: 'https://qr.example.com' }).publicUrl).toBe('https://qr.example.com');
  });

  it('refuses to start in production without a master key', () => {
    expect(configError({ NODE_ENV: 'production' }).variable).toBe('TESSERA_MASTER_KEY');
    expect(loadConfig({ NODE_ENV: 'production', TESSERA_MASTER_KEY: 'ab'.repeat(32), TESSERA_PUBLIC_URL: 'https://qr.example.com' }).masterKey?.length).toBe(32);
  });

  it('refuses to start in production without TESSERA_PUBLIC_URL, saying why and what to set', () => {
    // The default would be this machine's own address, encoded into every QR code printed.
    const error = configError({ NODE_ENV: 'production', TESSERA_MASTER_KEY: 'ab'.repeat(32), HOST: '0.0.0.0', PORT: '8080' });
    expect(error.variable).toBe('TESSERA_PUBLIC_URL');
    expect(error.message).toContain('is required when NODE_ENV=production');
    expect(error.message).toContain('http://127.0.0.1:8080');
    expect(error.message).toContain('https://qr.example.com');
    expect(configError({ NODE_ENV: 'production', TESSERA_MASTER_KEY: 'ab'.repeat(32), TESSERA_PUBLIC_URL: ' ' }).variable).toBe('TESSERA_PUBLIC_URL');
    expect(loadConfig({ NODE_ENV: 'production', TESSERA_MASTER_KEY: 'ab'.repeat(32), TESSERA_PUBLIC_URL: 'https://qr.example.com/' }).publicUrl).toBe('https://qr.example.com');
    // Outside production the default still serves a quick start on this machine.
    expect(loadConfig({ HOST: '0.0.0.0' }).publicUrl).toBe('http://127.0.0.1:8080');
    // The dashboard and every route answer from the root: a path would be encoded into every code.
    expect(loadConfig({ TESSERA_PUBLIC_URL: 'https://tickets.example.com/' }).warnings).toEqual([]);
    expect(loadConfig({ TESSERA_PUBLIC_URL: 'https://tickets.example.com/qr/' }).warnings).toEqual([
      expect.stringMatching(/^TESSERA_PUBLIC_URL has a path \(\/qr\), but Tessera answers from the root of its address .* https:\/\/tickets\.example\.com\/qr\/….*give Tessera a host name of its own/),
    ]);
  });

  it('runs production mode for NODE_ENV=production only, and warns about a value it does not know', () => {
    const key = { TESSERA_MASTER_KEY: 'ab'.repeat(32), TESSERA_PUBLIC_URL: 'https://qr.example.com' };
    for (const value of ['production', 'development', 'test', '']) {
      expect(loadConfig({ ...key, NODE_ENV: value }), value).toMatchObject({ production: value === 'production', warnings: [] });
    }
    // Case-sensitive as the Node ecosystem is; a typo starts, in development mode, and says so.
    for (const value of ['prod', 'Production', 'PRODUCTION']) {
      const config = loadConfig({ ...key, NODE_ENV: value });
      expect(config.production, value).toBe(false);
      expect(config.warnings).toHaveLength(1);
      expect(config.warnings[0]).toContain(`NODE_ENV is '${value}', which is not one of production, development, test`);
      expect(config.warnings[0]).toContain('running in development mode');
    }
  });

  it('accepts a base64 master key', () => {
    const key = Buffer.alloc(32, 7);
    expect(loadConfig({ TESSERA_MASTER_KEY: key.toString('base64') }).masterKey).toEqual(key);
  });

  it('generates a development master key into the data dir once, and reuses it', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'tessera-key-'));
    const messages: string[] = [];
    const first = ensureMasterKey(loadConfig({ TESSERA_DATA_DIR: dir }), (m) => messages.push(m));
    const second = ensureMasterKey(loadConfig({ TESSERA_DATA_DIR: dir }), (m) => messages.push(m));
    expect(first.masterKey).toHaveLength(32);
    expect(second.masterKey).toEqual(first.masterKey);
    expect(messages).toHaveLength(1);
    expect(messages[0]).toContain('generated a development master key');
    expect(fs.statSync(path.join(dir, 'master.key')).mode & 0o777).toBe(0o600);
    fs.rmSync(dir, { recursive: true });
  });

  it('documents every variable it reads', () => {
    const source = fs.readFileSync(new URL('../../src/config.ts', import.meta.url), 'utf8');
    const read = new Set([...source.matchAll(/env(?:\.|, ')([A-Z_]+)/g)].map((m) => m[1]));
    const documented = new Set(CONFIG_VARIABLES.map((v) => v.name));
    for (const name of read) expect(documented, `${name} is read but not documented`).toContain(name);
  });
});

describe('README', () => {
  it('lists every configuration variable with its default', () => {
    const readme = fs.readFileSync(new URL('../../README.md', import.meta.url), 'utf8');
    for (const v of CONFIG_VARIABLES) expect(readme, `${v.name} missing from README`).toContain(`| \`${v.name}\` | ${v.default} |`);
  });
});
