// Classification and rollups, the part of a scan flush after capture. flushScans classifies a
// batch with classifyScans, stores the raw rows and calls recordRollups in the same transaction,
// so raw rows and rollups never disagree.
import { ConfigError } from '../../config.ts';
import type { AppContext } from '../../context.ts';
import { toFlag } from '../../db/dialect.ts';
import { GeoIpCountries } from './geoip.ts';
import { insertNewUniques, upsertRollups } from './rollup.repo.ts';
import type { ScanBatch } from './scan-batch.ts';
import { compareSightings, rollupDeltas, uniqueSightings } from './rollup-deltas.ts';
import { type ClassifiedBatch, classifyScanBatch, type ScanGroup } from './scan-ingest.ts';
import { VisitorHasher } from './visitor-hash.ts';

const hashers = new WeakMap<Buffer, VisitorHasher>();

function hasherFor(masterKey: Buffer): VisitorHasher {
  let hasher = hashers.get(masterKey);
  if (!hasher) {
    hasher = new VisitorHasher(masterKey);
    hashers.set(masterKey, hasher);
  }
  return hasher;
}

const geoDatabases = new Map<string, GeoIpCountries>();

/** Opens (once) the offline GeoIP database TESSERA_GEOIP_DB names; a missing or broken file is a ConfigError at startup. */
export function openGeoIp(ctx: Pick<AppContext, 'config'>): GeoIpCountries | null {
  const file = ctx.config.geoipDbPath;
  if (!file) return null;
  let geo = geoDatabases.get(file);
  if (!geo) {
    try {
      geo = GeoIpCountries.open(file);
    } catch (error) {
      throw new ConfigError('TESSERA_GEOIP_DB', `cannot use '${file}' as a MaxMind DB (.mmdb) country database: ${(error as Error).message}`);
    }
    geoDatabases.set(file, geo);
  }
  return geo;
}

/** Classifies captured events (UA buckets, bot flag, visitor hash and country from the raw IP, anonymised IP) and groups the countable ones. */
export function classifyScans(ctx: Pick<AppContext, 'config'>, batch: ScanBatch): ClassifiedBatch {
  return classifyScanBatch(batch, hasherFor(ctx.config.masterKey), ctx.config.ipStorage, openGeoIp(ctx));
}

/** Records unique sightings and rollup increments for a classified batch's groups; `ctx.db` is the flush transaction. */
export async function recordRollups(ctx: Pick<AppContext, 'db'>, groups: readonly ScanGroup[]): Promise<void> {
  const sightings = uniqueSightings(groups);
  if (sightings.size === 0) return;
  // Sorted, like the rollup rows: concurrent flushes (several instances on PostgreSQL) then take
  // row locks in the same order and cannot deadlock.
  const candidates = [...sightings.values()].sort((a, b) => compareSightings(a.sighting, b.sighting));
  const inserted = await insertNewUniques(
    ctx.db,
    candidates.map(({ sighting }) => ({ account_id: sighting.accountId, campaign_id: sighting.campaignId, day: sighting.day, visitor_hash: sighting.visitorHash })),
  );
  const fresh = inserted.map((row) => sightings.find(row.account_id, row.campaign_id, Number(row.day), row.visitor_hash)!);
  const deltas = rollupDeltas(groups, fresh);
  await upsertRollups(
    ctx.db,
    deltas.map((d) => ({
      account_id: d.accountId,
      campaign_id: d.campaignId,
      dimension: d.dimension,
      bucket: d.bucket,
      value: d.value,
      is_bot: toFlag(d.isBot),
      scans: d.scans,
      uniques: d.uniques,
    })),
  );
}
