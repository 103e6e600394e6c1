// The ordered list of migrations. Add new ones at the end; never edit or reorder old ones.
// There is no 0013: that number was never released (nothing is missing between 0012 and 0014).
import type { Migration } from 'kysely/migration';
import * as m0001 from './0001_accounts.ts';
import * as m0002 from './0002_sessions_api_keys.ts';
import * as m0003 from './0003_campaigns.ts';
import * as m0004 from './0004_items.ts';
import * as m0005 from './0005_webhooks.ts';
import * as m0006 from './0006_analytics.ts';
import * as m0007 from './0007_morph.ts';
import * as m0008 from './0008_pages.ts';
import * as m0009 from './0009_scan_indexes.ts';
import * as m0010 from './0010_server_starts.ts';
import * as m0011 from './0011_account_branding.ts';
import * as m0012 from './0012_payments.ts';
import * as m0014 from './0014_webhook_event_request.ts';
import * as m0015 from './0015_campaign_schedule.ts';
import * as m0016 from './0016_scan_partitions.ts';
import * as m0017 from './0017_item_password_clients.ts';
import * as m0018 from './0018_campaign_livemode.ts';
import * as m0019 from './0019_item_password_backoff.ts';
import * as m0020 from './0020_template_livemode.ts';
import * as m0021 from './0021_master_key_check.ts';
import * as m0022 from './0022_campaign_batches_index.ts';
import * as m0023 from './0023_batch_names.ts';
import * as m0024 from './0024_api_key_scope.ts';
import * as m0025 from './0025_api_key_event.ts';
import * as m0026 from './0026_drop_scan_uniques_day_index.ts';

/** Every migration by name; names sort in the order they must run. */
export const migrations: Record<string, Migration> = {
  '0001_accounts': m0001,
  '0002_sessions_api_keys': m0002,
  '0003_campaigns': m0003,
  '0004_items': m0004,
  '0005_webhooks': m0005,
  '0006_analytics': m0006,
  '0007_morph': m0007,
  '0008_pages': m0008,
  '0009_scan_indexes': m0009,
  '0010_server_starts': m0010,
  '0011_account_branding': m0011,
  '0012_payments': m0012,
  '0014_webhook_event_request': m0014,
  '0015_campaign_schedule': m0015,
  '0016_scan_partitions': m0016,
  '0017_item_password_clients': m0017,
  '0018_campaign_livemode': m0018,
  '0019_item_password_backoff': m0019,
  '0020_template_livemode': m0020,
  '0021_master_key_check': m0021,
  '0022_campaign_batches_index': m0022,
  '0023_batch_names': m0023,
  '0024_api_key_scope': m0024,
  '0025_api_key_event': m0025,
  '0026_drop_scan_uniques_day_index': m0026,
};
