// Dispatches `tessera <command> …`: picks the command whose words start argv, handles --help
// (also for a group such as `tessera keys --help`) and --version, prints usage with exit 2 on bad
// arguments, and names the variable on a configuration error.
import packageJson from '../../package.json' with { type: 'json' };
import { ConfigError } from '../config.ts';
import { type CliIo, type Command, parseCommandArgs, UsageError } from './command.ts';
import { commands } from './commands.ts';

const HELP = new Set(['--help', '-h']);

/** Top-level help text, or a group's (`tessera keys --help`) when `group` names one. */
export function mainUsage(list: Command[] = commands, group?: string): string {
  const width = Math.max(...list.map((c) => c.name.length));
  return [
    group ? `Usage: tessera ${group} <command> [options]` : 'Usage: tessera <command> [options]',
    '',
    'Commands:',
    ...list.map((c) => `  ${c.name.padEnd(width)}  ${c.summary}`),
    '',
    "Run `tessera <command> --help` for a command's options.",
    ...(group ? [] : ['Run `tessera --version` for the version.']),
  ].join('\n');
}

/** What `tessera --version` prints. */
export function versionText(): string {
  return `tessera ${packageJson.version}`;
}

function findCommand(argv: string[], list: Command[]): { command: Command; rest: string[] } | undefined {
  const matches = list
    .map((command) => ({ command, words: command.name.split(' ') }))
    .filter(({ words }) => words.every((w, i) => argv[i] === w))
    .sort((a, b) => b.words.length - a.words.length);
  const best = matches[0];
  return best && { command: best.command, rest: argv.slice(best.words.length) };
}

/** Runs the CLI; resolves to the exit code. */
export async function runCli(argv: string[], io: CliIo, list: Command[] = commands): Promise<number> {
  if (argv.length === 0 || HELP.has(argv[0]!) || argv[0] === 'help') {
    (argv.length === 0 ? io.err : io.out)(mainUsage(list));
    return argv.length === 0 ? 2 : 0;
  }
  if (argv[0] === '--version' || argv[0] === '-v') {
    io.out(versionText());
    return 0;
  }
  const found = findCommand(argv, list);
  if (!found) {
    const group = list.filter((c) => c.name.startsWith(`${argv[0]} `));
    if (group.length && argv.length === 2 && HELP.has(argv[1]!)) {
      io.out(mainUsage(group, argv[0]));
      return 0;
    }
    const problem = group.length
      ? `tessera ${argv[0]}: ${argv[1] === undefined ? 'expected' : `unknown command '${argv[1]}'; expected`} one of: ${group.map((c) => c.name).join(', ')}`
      : `tessera: unknown command '${argv[0]}'`;
    io.err(`${problem}\n\n${group.length ? mainUsage(group, argv[0]) : mainUsage(list)}`);
    return 2;
  }
  const { command, rest } = found;
  try {
    const args = parseCommandArgs(command, rest);
    if (args.values.help) {
      io.out(command.usage);
      return 0;
    }
    return await command.run(args, io);
  } catch (error) {
    if (error instanceof UsageError) {
      io.err(`tessera ${command.name}: ${error.message}\n\n${command.usage}`);
      return 2;
    }
    if (error instanceof ConfigError) {
      // Plain text on stderr, not a JSON log line: no logger exists before the configuration
      // (which chooses its level) has loaded, and this is what stops the process.
      io.err(`configuration error: ${error.message}`);
      return 1;
    }
    throw error;
  }
}
