// CLI entry: `node src/main.ts <command>` (or `npx tessera <command>`).
import { runCli } from './cli/run-cli.ts';

// A reader that goes away early (`tessera backup … | head -1`, a log pipe that closed) must not
// turn a command that did its work into a stack trace and exit 1: Node ignores SIGPIPE, so the
// write fails with EPIPE instead, and what is left to print is dropped. Any other error still throws.
for (const stream of [process.stdout, process.stderr]) {
  stream.on('error', (error: NodeJS.ErrnoException) => {
    if (error.code !== 'EPIPE') throw error;
  });
}

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
