// The shape of a CLI command and the shared argument parsing: unknown flags, missing values and
// values out of range print the command's usage and exit 2, as Unix tools do.
import { parseArgs, type ParseArgsOptionsConfig } from 'node:util';

/** Output streams, injectable for tests. */
export interface CliIo {
  out(text: string): void;
  err(text: string): void;
}

/** One `tessera …` command. */
export interface Command {
  /** Words that select it, e.g. `account create`. */
  name: string;
  summary: string;
  /** Usage text shown by --help and on bad arguments. */
  usage: string;
  options: ParseArgsOptionsConfig;
  /** Runs the command; resolves to the process exit code. */
  run(args: { values: Record<string, string | boolean | undefined>; positionals: string[] }, io: CliIo): Promise<number>;
}

/** Raised for bad arguments; the dispatcher prints usage and exits 2. */
export class UsageError extends Error {}

/** Parses `argv` for `command`, throwing UsageError with a readable reason. */
export function parseCommandArgs(command: Command, argv: string[]) {
  try {
    const parsed = parseArgs({ args: argv, options: { ...command.options, help: { type: 'boolean', short: 'h' } }, allowPositionals: true, strict: true });
    return parsed as { values: Record<string, string | boolean | undefined>; positionals: string[] };
  } catch (error) {
    throw new UsageError(argumentProblem(command, error as Error & { code?: string }));
  }
}

// node:util's messages are written for script authors ("place it at the end of the command
// after '--'") and quote unevenly; an operator needs the option named and what the command takes.
function argumentProblem(command: Command, error: Error & { code?: string }): string {
  const option = /'(-[^' <]+)/.exec(error.message)?.[1];
  if (!option) return error.message;
  if (error.code === 'ERR_PARSE_ARGS_UNKNOWN_OPTION') {
    const known = Object.keys(command.options).map((name) => `--${name}`);
    return `unknown option ${option}; ${known.length === 0 ? 'it takes no options' : `it takes ${known.join(', ')}`} (and --help)`;
  }
  if (error.code === 'ERR_PARSE_ARGS_INVALID_OPTION_VALUE') {
    return /argument missing/.test(error.message) ? `${option} needs a value, as in ${option} VALUE` : `${option} takes no value`;
  }
  return error.message;
}

/**
 * For commands configured only by the environment: an extra word (a typo, an option's value
 * without its option) was ignored and the command ran anyway, so refuse it as bad arguments.
 */
export function noArguments(positionals: string[]): void {
  if (positionals.length > 0) throw new UsageError(`takes no arguments (the environment configures it); got '${positionals.join(' ')}'`);
}

/** Reads a required string option or throws UsageError. */
export function requireOption(values: Record<string, string | boolean | undefined>, name: string): string {
  const value = values[name];
  if (typeof value !== 'string' || value === '') throw new UsageError(`--${name} is required`);
  return value;
}

/** Reads an optional integer option within [min, max]; UsageError quoting the value as given otherwise. */
export function intOption(values: Record<string, string | boolean | undefined>, name: string, range: { min: number; max: number; default: number }): number {
  const raw = values[name];
  if (raw === undefined) return range.default;
  const text = String(raw).trim();
  const value = /^[0-9]{1,9}$/.test(text) ? Number(text) : NaN;
  if (!(value >= range.min && value <= range.max)) throw new UsageError(`--${name} must be an integer from ${range.min} to ${range.max}; got '${String(raw)}'`);
  return value;
}
