// The ordered list of migrations. Add new ones at the end; never edit or reorder old ones.
import type { Migration } from 'kysely/migration';
import * as m0001 from './0001_accounts.ts';
import * as m0003 from './0003_campaigns.ts';
import * as m0006 from './0006_analytics.ts';

/** Every migration by name; names sort in the order they must run. */
export const migrations: Record<string, Migration> = {
  '0001_accounts': m0001,
  '0003_campaigns': m0003,
  '0006_analytics': m0006,
};
