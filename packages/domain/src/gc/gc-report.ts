/** How a collection runs. */
export interface GcOptions {
  /** Count what would go, remove nothing. */
  dryRun?: boolean;
  /**
   * Unreferenced blobs younger than this are kept (default one hour): a second guard, beside the
   * reservations, for any writer that stores bytes before it records them without reserving.
   */
  minAgeMs?: number;
  /** Where the request came from (audit). */
  address?: string | null;
}

/** What one collection removed (or, dry, would remove). */
export interface GcReport {
  dryRun: boolean;
  /** Leftovers of uploads that will never finish. */
  staging: { files: number; bytes: number; multipartUploads: number };
  /** Reservations of uploads whose process died between committing bytes and recording the file. */
  reservations: { expired: number };
  blobs: {
    /** Every stored blob looked at. */
    scanned: number;
    /** Unreferenced at first look but kept: younger than the minimum age, or reserved or recorded by an upload meanwhile. */
    kept: number;
    removed: number;
    bytes: number;
  };
  durationMs: number;
}

/** Default minimum age of a blob before it may be collected. */
export const DEFAULT_GC_MIN_AGE_MS = 60 * 60 * 1000;

/**
 * Idle staged files of owners not known dead (another host, an unreadable name), multipart uploads
 * and reservations of other hosts are taken only past this age: far beyond any live upload.
 */
export const STALE_UPLOAD_MS = 24 * 60 * 60 * 1000;
