// Frozen: never import application code here.
// scan_uniques holds at most three days of visitor hashes, and the only query by day is the
// retention sweep's hourly delete. The day index made every new visitor's sighting a second insert
// at a random place in a second B-tree (its entries are ordered by the whole key after the day):
// with an audience of new visitors the scan flush cost 46–49 µs of CPU a scan against 33 without
// it, and rose through the day (74–78 µs in the last tenth of 240,000 visitors, 35–37 without),
// and the index doubled the table (505 against 253 MB for 3,000,000 sightings). The sweep now
// reads the table once to find an older day instead (ADR 0046).
import type { Kysely } from 'kysely';

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.dropIndex('scan_uniques_day_idx').ifExists().execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.createIndex('scan_uniques_day_idx').ifNotExists().on('scan_uniques').column('day').execute();
}
