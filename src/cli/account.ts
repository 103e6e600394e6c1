// `tessera account create`: creates an account non-interactively (provisioning scripts, first admin).
// `tessera account password`: the operator's reset of a forgotten password.
// Their input is checked before anything touches the disk or the database, and create warns when
// the database it writes to has never been used by `tessera serve` (server-starts marker): a key
// made in the wrong TESSERA_DATA_DIR or DATABASE_URL is the first trap a new user falls into.
// A value refused before opening the database prints the reason and the usage and exits 2.
import { systemClock } from '../clock.ts';
import { serverStarts } from '../db/server-starts.ts';
import { AppError, type FieldError } from '../errors.ts';
import { createAccount, type NewAccountInput, validateNewAccount, createApiKey, resetPassword, validatePasswordReset } from '../modules/accounts/index.ts';
import { type Command, requireOption, UsageError } from './command.ts';
import { describeDatabase, openRuntime, plainLines } from './runtime.ts';

function optionName(problem: FieldError): string {
  return problem.field.replace(/^body\//, '');
}

// Refused before opening anything: every problem, on one line, quoting the value given (as the
// README promises for every bad option value; a typo is seen at once). A password is never echoed.
function refuseInput(problems: FieldError[], values: Record<string, string | boolean | undefined>): void {
  if (!problems.length) return;
  const given = (option: string, message: string) => {
    const value = values[option];
    return option === 'password' || typeof value !== 'string' || message.includes(`'${value}'`) ? '' : ` '${value}'`;
  };
  throw new UsageError(problems.map((p) => `--${optionName(p)}${given(optionName(p), p.message)} ${p.message}`).join('; '));
}

/**
 * Why the database refused the command (an email taken or unknown, a slug taken): exit 1, as for
 * any command that understood its arguments but failed (README, CLI). The value and the database
 * are named, since the usual cause is a typo or another TESSERA_DATA_DIR or DATABASE_URL than the
 * server's. A password is never echoed.
 */
function refusal(error: AppError, values: Record<string, string | boolean | undefined>, where: string): string {
  const problem = error.errors?.[0];
  if (!problem) return error.detail;
  const option = optionName(problem);
  const given = option === 'password' || typeof values[option] !== 'string' ? '' : ` '${values[option]}'`;
  return `--${option}${given} ${problem.message} on ${where}`;
}

/** `tessera account create`. */
export const accountCreateCommand: Command = {
  name: 'account create',
  summary: 'Create an account, its owner and a first prd API key',
  usage: [
    'tessera account create --email EMAIL --password PASSWORD [--slug SLUG] [--name NAME] [--account-name BRAND] [--json]',
    '',
    '  --email      owner email (sign-in name)',
    '  --password   owner password, at least 10 characters',
    '  --slug       account slug used in public page URLs (default: from the email)',
    "  --name       the owner's name (shown in the dashboard)",
    '  --account-name  the organisation or brand public pages show (default: --name, else the slug)',
    '  --json       print the result as JSON: {account_id, slug, user_id, email, api_key}',
    '',
    'The API key is printed once; only its hash is stored. Run it with the same TESSERA_DATA_DIR or',
    'DATABASE_URL as the server: it warns on stderr when no server has used that database yet.',
  ].join('\n'),
  options: { email: { type: 'string' }, password: { type: 'string' }, slug: { type: 'string' }, name: { type: 'string' }, 'account-name': { type: 'string' }, json: { type: 'boolean' } },
  async run({ values }, io) {
    const input: NewAccountInput = {
      email: requireOption(values, 'email'),
      password: requireOption(values, 'password'),
      slug: values.slug as string | undefined,
      name: values.name as string | undefined,
      accountName: values['account-name'] as string | undefined,
    };
    refuseInput(validateNewAccount(input), values);
    const { config, database, applied } = await openRuntime(plainLines((m) => io.err(m)));
    try {
      if (!(await serverStarts(database.db))) {
        const where = describeDatabase(config);
        io.err(
          `warning: ${applied.includes('0001_accounts') ? `created a new database (${where}); ` : `${where}: `}no Tessera server has used this database yet.\n` +
            '  A server started with another TESSERA_DATA_DIR or DATABASE_URL will not know this account or its key;\n' +
            "  run this command with the server's environment, or start `tessera serve` with this one.",
        );
      }
      const { account, user } = await createAccount({ db: database.db, clock: systemClock }, input);
      const { fullKey } = await createApiKey({ db: database.db, clock: systemClock, dialect: database.dialect }, account.id, { env: 'prd', name: 'created by tessera account create' });
      if (values.json) io.out(JSON.stringify({ account_id: account.id, slug: account.slug, user_id: user.id, email: user.email, api_key: fullKey }, null, 2));
      else io.out(`created account ${account.id} (slug: ${account.slug}) owned by ${user.email}\nAPI key (shown once, store it now): ${fullKey}`);
      return 0;
    } catch (error) {
      if (error instanceof AppError) {
        io.err(`error: ${refusal(error, values, describeDatabase(config))}`);
        return 1;
      }
      throw error;
    } finally {
      await database.close();
    }
  },
};

/** `tessera account password`. */
export const accountPasswordCommand: Command = {
  name: 'account password',
  summary: 'Set a new password for a user who forgot theirs (signs them out everywhere)',
  usage: [
    'tessera account password --email EMAIL --password PASSWORD',
    '',
    '  --email      the email the person signs in with',
    '  --password   the new password, at least 10 characters',
    '',
    'Every session of that person ends; tell them the new password and ask them to change it in',
    'Settings. Run it with the same TESSERA_DATA_DIR or DATABASE_URL as the server. A password on a',
    'command line can land in the shell history: start the line with a space, or read it from a file',
    'with --password "$(cat FILE)".',
  ].join('\n'),
  options: { email: { type: 'string' }, password: { type: 'string' } },
  async run({ values }, io) {
    const email = requireOption(values, 'email');
    const password = requireOption(values, 'password');
    // A short password used to open (and create) the database before being refused, with exit 1.
    refuseInput(validatePasswordReset(email, password), values);
    const { config, database } = await openRuntime(plainLines((m) => io.err(m)));
    try {
      const reset = await resetPassword({ db: database.db, clock: systemClock }, email, password);
      io.out(`new password set for ${reset.email}; ${reset.sessionsEnded === 1 ? '1 session' : `${reset.sessionsEnded} sessions`} signed out`);
      return 0;
    } catch (error) {
      if (error instanceof AppError) {
        io.err(`error: ${refusal(error, values, describeDatabase(config))}`);
        return 1;
      }
      throw error;
    } finally {
      await database.close();
    }
  },
};
