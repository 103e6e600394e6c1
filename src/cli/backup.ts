// `tessera backup PATH`: a consistent copy of the SQLite database, taken while the server runs.
// PostgreSQL has its own tools (pg_dump, base backups); the command says so instead of guessing.
import fs from 'node:fs';
import path from 'node:path';
import { loadConfig } from '../config.ts';
import { backupSqlite } from '../db/backup.ts';
import { type Command, UsageError } from './command.ts';

const USAGE = `tessera backup PATH

Writes a consistent copy of the SQLite database (TESSERA_DATA_DIR/tessera.db or DATABASE_URL) to
PATH, a new file, using SQLite's online backup API: safe while \`tessera serve\` is running. The
copy is integrity-checked. It does not hold the master key: keep TESSERA_MASTER_KEY, or the data
directory's master.key, with it, since item contents, ticket and webhook secrets can only be read
with that key. To restore: stop every process using the database, remove tessera.db,
tessera.db-wal and tessera.db-shm, put the backup in place as tessera.db (mode 0600) beside the
same master.key (or start with the same TESSERA_MASTER_KEY), start again (\`tessera serve\`
applies any newer migrations). On PostgreSQL use pg_dump (see docs/operations.md).`;

/** `tessera backup PATH`. */
export const backupCommand: Command = {
  name: 'backup',
  summary: 'Copy the SQLite database consistently while it is in use',
  usage: USAGE,
  options: {},
  async run(args, io) {
    const [target, ...rest] = args.positionals;
    if (!target || rest.length > 0) throw new UsageError('give exactly one PATH to write the backup to');
    const config = loadConfig();
    if (config.dialect !== 'sqlite') {
      // The arguments were understood; the database is what it cannot copy: 1, as the README's rule says (2 is for bad arguments).
      io.err('tessera backup copies SQLite databases; this instance uses PostgreSQL: back it up with `pg_dump --format=custom` (see docs/operations.md)');
      return 1;
    }
    if (config.databaseUrl === ':memory:') {
      io.err('an in-memory database has nothing to back up');
      return 1;
    }
    if (!fs.existsSync(config.databaseUrl)) {
      // Most often the command ran with another environment than the server (a cron job in
      // another directory, where ./data is not the server's): say which variables choose the file.
      io.err(
        `error: no SQLite database at ${config.databaseUrl}: run \`tessera backup\` with the server's TESSERA_DATA_DIR or DATABASE_URL (TESSERA_DATA_DIR defaults to ./data in the current directory)`,
      );
      return 1;
    }
    let report;
    try {
      report = await backupSqlite(config.databaseUrl, path.resolve(target));
    } catch (error) {
      io.err(`error: ${(error as Error).message}`);
      return 1;
    }
    io.out(`backed up ${config.databaseUrl} to ${report.file}: ${report.bytes} bytes, ${report.pages} pages, ${report.migrations} migrations, integrity ok`);
    // The one thing a restore needs that the copy cannot hold.
    io.out(
      config.masterKey
        ? 'the master key is not in the backup: restore it with the same TESSERA_MASTER_KEY'
        : `the master key is not in the backup: keep ${path.join(config.dataDir, 'master.key')} with it, and put it beside the restored tessera.db`,
    );
    return 0;
  },
};
