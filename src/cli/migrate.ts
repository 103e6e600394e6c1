import { type Command, noArguments } from './command.ts';
import { openRuntime, plainLines } from './runtime.ts';

/** `tessera migrate`. */
export const migrateCommand: Command = {
  name: 'migrate',
  summary: 'Apply pending database migrations and exit',
  usage: 'tessera migrate\n\nApplies every pending migration to DATABASE_URL (SQLite in ./data by default). Running it again is a no-op.',
  options: {},
  async run({ positionals }, io) {
    noArguments(positionals);
    // Migrations hold no secret: no master key is needed, and none is generated.
    const { database } = await openRuntime(
      plainLines((m) => io.out(m)),
      undefined,
      { masterKey: false },
    );
    await database.close();
    io.out('database is up to date');
    return 0;
  },
};
