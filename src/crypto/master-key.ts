// Outside production an operator should be able to start Tessera with no setup at all, yet
// every secret we derive must survive restarts: so the first start writes a random master key
// into the data dir (mode 0600) and later starts read it back.
import { randomBytes } from 'node:crypto';
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
