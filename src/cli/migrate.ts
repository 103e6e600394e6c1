import { type Command, noArguments } from './command.ts';
import { openRuntime } from './runtime.ts';

/** `tessera migrate`. */
export const migrateCommand: Command = {
  name: 'migrate',
  summary: 'Apply pending database migrations and exit',
  usage: 'tessera migrate\n\nApplies every pending migration to DATABASE_URL (SQLite in ./data by default). Running it again is a no-op.',
  options: {},
  async run({ positionals }, io) {
    noArguments(positionals);
    // Migrations hold no secret: no master key is needed, and none is generated.
    // Its report on stdout; a warning (a doubtful NODE_ENV) on stderr, as any command's.
    const { database, applied } = await openRuntime(() => ({ info: (m) => io.out(m), warn: (m) => io.err(m) }), undefined, { masterKey: false });
    await database.close();
    // One report: the migrations applied (openRuntime lists them), or that there were none. Saying
    // "up to date" after the list read as if nothing had been applied.
    if (applied.length === 0) io.out('database is up to date: no pending migrations');
    return 0;
  },
};
