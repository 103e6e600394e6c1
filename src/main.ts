// CLI entry: `node src/main.ts <command>` (or `npx tessera <command>`).
import { runCli } from './cli/run-cli.ts';

const io = { out: (text: string) => process.stdout.write(text + '\n'), err: (text: string) => process.stderr.write(text + '\n') };

runCli(process.argv.slice(2), io).then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    process.stderr.write(`tessera: ${error instanceof Error ? error.message : String(error)}\n`);
    process.exitCode = 1;
  },
);
