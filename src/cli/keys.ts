// `tessera keys check <key>`: validates a sec1 key's format and checksum offline (no database,
// no network), for secret scanners and for telling a typo from a revoked key. `-` reads stdin,
// which keeps the key out of shell history and the process list.
import { explainKey, maskApiKey, parseApiKey } from '../modules/accounts/index.ts';
import { type Command, UsageError } from './command.ts';

async function readStdin(): Promise<string> {
  let text = '';
  for await (const chunk of process.stdin) text += chunk;
  return text;
}

/** `tessera keys check`. */
export const keysCheckCommand: Command = {
  name: 'keys check',
  summary: "Check an API key's format and checksum offline (exit 0 valid, 1 invalid)",
  usage: [
    'tessera keys check KEY',
    'tessera keys check -      (read the key from stdin)',
    '',
    '  Exit status 0 when KEY is a well-formed sec1 key with a valid checksum, 1 otherwise.',
    '  It does not say whether the key exists or is revoked: only the server knows that.',
  ].join('\n'),
  options: {},
  async run({ positionals }, io) {
    if (positionals.length !== 1) throw new UsageError('expected exactly one key (or - to read it from stdin)');
    const key = (positionals[0] === '-' ? await readStdin() : positionals[0]!).trim();
    const problem = explainKey(key);
    if (problem) {
      io.err(`invalid: the key ${problem}`);
      return 1;
    }
    const parsed = parseApiKey(key)!;
    io.out(`valid: ${maskApiKey(parsed.env, parsed.kid, parsed.checksum)} (env ${parsed.env}, kid ${parsed.kid})`);
    return 0;
  },
};
