// `tessera account create`: creates an account non-interactively (provisioning scripts, first admin).
import { systemClock } from '../clock.ts';
import { AppError } from '../errors.ts';
import { createAccount } from '../modules/accounts/account.service.ts';
import { createApiKey } from '../modules/accounts/api-key.service.ts';
import { type Command, requireOption } from './command.ts';
import { openRuntime } from './runtime.ts';

/** `tessera account create`. */
export const accountCreateCommand: Command = {
  name: 'account create',
  summary: 'Create an account, its owner and a first prd API key',
  usage: [
    'tessera account create --email EMAIL --password PASSWORD [--slug SLUG] [--name NAME] [--json]',
    '',
    '  --email      owner email (sign-in name)',
    '  --password   owner password, at least 10 characters',
    '  --slug       account slug used in public page URLs (default: from the email)',
    '  --name       display name',
    '  --json       print the result as JSON: {account_id, slug, user_id, email, api_key}',
    '',
    'The API key is printed once; only its hash is stored.',
  ].join('\n'),
  options: { email: { type: 'string' }, password: { type: 'string' }, slug: { type: 'string' }, name: { type: 'string' }, json: { type: 'boolean' } },
  async run({ values }, io) {
    const email = requireOption(values, 'email');
    const password = requireOption(values, 'password');
    const { database } = await openRuntime((m) => io.err(m));
    try {
      const { account, user } = await createAccount(database.db, systemClock, {
        email,
        password,
        slug: values.slug as string | undefined,
        name: values.name as string | undefined,
      });
      const { fullKey } = await createApiKey(database.db, systemClock.now(), account.id, { env: 'prd', name: 'created by tessera account create' });
      if (values.json) io.out(JSON.stringify({ account_id: account.id, slug: account.slug, user_id: user.id, email: user.email, api_key: fullKey }, null, 2));
      else io.out(`created account ${account.id} (slug: ${account.slug}) owned by ${user.email}\nAPI key (shown once, store it now): ${fullKey}`);
      return 0;
    } catch (error) {
      if (error instanceof AppError) {
        io.err(`error: ${error.detail}`);
        return 1;
      }
      throw error;
    } finally {
      await database.close();
    }
  },
};
