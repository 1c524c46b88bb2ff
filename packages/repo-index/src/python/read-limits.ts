/** Bounds on the work done reading one archive; every field has a safe default. */
export interface ReadLimits {
  /** Largest metadata file (METADATA, PKG-INFO, DESCRIPTION) read, in bytes. Default 1 MiB. */
  maxMetadataBytes?: number;
  /** Most archive members looked at before giving up. Default 100,000. */
  maxEntries?: number;
  /** Most uncompressed tar bytes streamed through while scanning a .tar.gz. Default 4 GiB. */
  maxScanBytes?: number;
}

/** ReadLimits with every default filled in. */
export type ResolvedLimits = Required<ReadLimits>;

/** Fills in the defaults of ReadLimits. */
export function resolveLimits(limits: ReadLimits | undefined): ResolvedLimits {
  return {
    maxMetadataBytes: limits?.maxMetadataBytes ?? 1024 * 1024,
    maxEntries: limits?.maxEntries ?? 100_000,
    maxScanBytes: limits?.maxScanBytes ?? 4 * 1024 ** 3,
  };
}
