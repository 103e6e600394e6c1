// Outside production an operator should be able to start Tessera with no setup at all, yet
// every secret we derive must survive restarts: so the first start writes a random master key
// into the data dir (mode 0600) and later starts read it back.
import { createHmac, randomBytes } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { type Config, ConfigError, parseMasterKey } from '../config.ts';
import { PRIVATE_DIR_MODE } from '../db/private-files.ts';

/** Returns the config with its master key resolved, generating one into the data dir when allowed. */
export function ensureMasterKey(config: Config, log: (message: string) => void): Config {
  if (config.masterKey) return config;
  if (config.production) throw new ConfigError('TESSERA_MASTER_KEY', 'is required in production');
  const file = path.join(config.dataDir, 'master.key');
  let key: Buffer;
  if (fs.existsSync(file)) {
    key = parseMasterKey(fs.readFileSync(file, 'utf8'), file);
  } else {
    key = randomBytes(32);
    try {
      fs.mkdirSync(config.dataDir, { recursive: true, mode: PRIVATE_DIR_MODE });
      fs.writeFileSync(file, key.toString('hex') + '\n', { mode: 0o600, flag: 'wx' });
    } catch (error) {
      // The data directory is where it failed; TESSERA_MASTER_KEY avoids writing there at all.
      throw new ConfigError('TESSERA_DATA_DIR', `cannot write a development master key to ${file} (${(error as Error).message}); make the directory writable, or set TESSERA_MASTER_KEY`);
    }
    log(`TESSERA_MASTER_KEY is not set: generated a development master key into ${file}. Set TESSERA_MASTER_KEY in production.`);
  }
  return Object.freeze({ ...config, masterKey: key });
}

/** Whether ensureMasterKey would generate a new key: development, none set, no key file in the data dir. */
export function wouldGenerateMasterKey(config: Config): boolean {
  return !config.masterKey && !config.production && !fs.existsSync(path.join(config.dataDir, 'master.key'));
}

/**
 * The refusal for a database that already holds data under a master key when none is set and none
 * is in the data dir: a restored backup or a moved tessera.db. Generating a key there would write a
 * wrong master.key that the next message would then point to as the right one.
 */
export function masterKeyNotWithDatabase(config: Config): ConfigError {
  const file = path.join(config.dataDir, 'master.key');
  // On PostgreSQL the usual cause is an instance started without the key its siblings have: a
  // data directory and a moved database file are SQLite's words, and misled there.
  if (config.dialect === 'postgres') {
    return new ConfigError(
      'TESSERA_MASTER_KEY',
      `is not set and there is no ${file}, but this PostgreSQL database was used with a master key before, and what that key encrypted (item contents, ticket and webhook secrets) can only be read with it. Set TESSERA_MASTER_KEY to the key the database's other instances use (every instance on one database needs the same key; a development start without one kept it in the master.key of its data directory); nothing was written`,
    );
  }
  return new ConfigError(
    'TESSERA_MASTER_KEY',
    `is not set and there is no ${file}, but this database was used with a master key before (a restored backup or a moved database file), and what that key encrypted (item contents, ticket and webhook secrets) can only be read with it. Copy the master.key of the data directory the database came from to ${file} (mode 0600), or set TESSERA_MASTER_KEY to it. A backup holds the database, not the key; nothing was written`,
  );
}

/**
 * The key's check value: an HMAC of a fixed text under it. It tells two keys apart without
 * revealing either, so the database can keep the one it was first used with (checkMasterKey).
 */
export function masterKeyCheck(key: Buffer): string {
  return createHmac('sha256', key).update('tessera master key check v1').digest('hex');
}

/**
 * Refuses a master key other than the one the database was first used with (recorded by
 * `recorded`, which records this key's check value when none is). What the first key encrypted
 * (item contents, ticket and webhook secrets) cannot be read with another: a start with it came up
 * ready, then answered 500 to those reads, and spent an item's view on each.
 */
export async function checkMasterKey(config: Config, recorded: (check: string) => Promise<string>): Promise<void> {
  if (!config.masterKey) return;
  const check = masterKeyCheck(config.masterKey);
  if ((await recorded(check)) === check) return;
  const file = path.join(config.dataDir, 'master.key');
  throw new ConfigError(
    'TESSERA_MASTER_KEY',
    `is not the master key this database was first used with, so what that key encrypted (item contents, ticket and webhook secrets) cannot be read. Set TESSERA_MASTER_KEY to that key${config.production ? '' : ` (a development start without it generated it into ${file})`}; every instance on one database needs the same key`,
  );
}
