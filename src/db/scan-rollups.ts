// What a scan_rollups row means: the bucket grain, the dimensions kept and the value sets reports
// list in full. The scans module writes rollups and the analytics module reads them; both depend
// on this layout, so it lives beside the schema and neither module imports the other (ADR 0007, 0022).

/** Length of one rollup bucket (15 minutes, UTC). */
export const BUCKET_MS = 15 * 60_000;
/** 15-minute buckets per hour and per day. */
export const BUCKETS_PER_HOUR = 4;
export const BUCKETS_PER_DAY = 96;

/**
 * The dimensions rollups are kept for. Scans and the unique counter are kept three times: per
 * 15 minutes (`total`: local days exact in every zone, :30 and :45 offsets included), per hour
 * (`hour`: whole-hour zones read a quarter of the rows) and per UTC day (`day`: UTC reports and
 * all-time figures read one row a day). The breakdowns use hour buckets (ADR 0007).
 */
export const DIMENSIONS = ['total', 'hour', 'day', 'os', 'browser', 'device_type', 'country', 'referrer'] as const;
/** The dimensions that carry scans and uniques over time, finest first. */
export const TOTAL_DIMENSIONS = ['total', 'hour', 'day'] as const;
/** A time-series grain. */
export type TotalDimension = (typeof TOTAL_DIMENSIONS)[number];
/** Dimensions kept per hour (their bucket is the first 15-minute bucket of the hour). */
export const HOURLY_DIMENSIONS = ['os', 'browser', 'device_type', 'country', 'referrer'] as const;
/** A rollup dimension. */
export type Dimension = (typeof DIMENSIONS)[number];

/** The OS buckets the seed's device breakdown reports, always all seven. */
export const OS_BUCKETS = ['iOS', 'Android', 'Windows', 'macOS', 'Linux', 'ChromeOS', 'other'] as const;
/** An OS bucket. */
export type OsBucket = (typeof OS_BUCKETS)[number];

/** Device types; `bot` only ever appears for flagged traffic. */
export const DEVICE_TYPES = ['mobile', 'tablet', 'desktop', 'other', 'bot'] as const;
/** A device type. */
export type DeviceType = (typeof DEVICE_TYPES)[number];
