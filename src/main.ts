// CLI entry: `node src/main.ts <command>` (or `npx tessera <command>`).
import { runCli } from './cli/run-cli.ts';

const io = { out: (text: string) => process.stdout.write(text + '\n'), err: (text: string) => process.stderr.write(text + '\n') };

runCli(process.argv.slice(2), io).then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    // The reason a command could not run (a database it cannot open, a port it cannot take): one
    // plain line on stderr for every command alike, the one place a supervisor and a person both
    // look, also when it failed before any logger existed.
    process.stderr.write(`tessera: ${error instanceof Error ? error.message : String(error)}\n`);
    process.exitCode = 1;
  },
);
