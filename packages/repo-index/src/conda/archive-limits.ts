import type { IndexError } from "../shared/result.js";

/** Caps applied while reading a conda archive. */
export interface CondaReadLimits {
  /** Largest accepted `info/index.json`, `info/about.json` or `metadata.json` (default 1 MiB). */
  maxMetadataBytes?: number;
  /** Most bytes decompressed while scanning one archive (default 2 GiB). */
  maxDecompressedBytes?: number;
  /** Most decompressed bytes per compressed byte scanned (default 200; applies above 16 MiB). */
  maxCompressionRatio?: number;
}

export const DEFAULT_MAX_METADATA_BYTES = 1024 * 1024;
export const DEFAULT_MAX_DECOMPRESSED_BYTES = 2 * 1024 * 1024 * 1024;
export const DEFAULT_MAX_COMPRESSION_RATIO = 200;
// Tiny archives legitimately reach high ratios (tar padding), so the ratio only bites above this.
const RATIO_FLOOR_BYTES = 16 * 1024 * 1024;

/** Limits with every default filled in. */
export interface ResolvedLimits {
  maxMetadataBytes: number;
  maxDecompressedBytes: number;
  maxCompressionRatio: number;
}

/** Fills in the defaults of `limits`. */
export function resolveLimits(limits: CondaReadLimits = {}): ResolvedLimits {
  return {
    maxMetadataBytes: limits.maxMetadataBytes ?? DEFAULT_MAX_METADATA_BYTES,
    maxDecompressedBytes: limits.maxDecompressedBytes ?? DEFAULT_MAX_DECOMPRESSED_BYTES,
    maxCompressionRatio: limits.maxCompressionRatio ?? DEFAULT_MAX_COMPRESSION_RATIO,
  };
}

/** A failure that ends an archive scan early; turned back into a Result at the public boundary. */
export class ArchiveAbort extends Error {
  constructor(readonly indexError: IndexError) {
    super(indexError.message);
    this.name = "ArchiveAbort";
  }
}

/** Counts decompressed bytes against a budget and aborts the scan once it is spent. */
export class ByteBudget {
  private spent = 0;

  private constructor(private readonly limit: number) {}

  /** A budget for `compressedBytes` of input under both the ratio and the absolute limit. */
  static forInput(compressedBytes: number, limits: ResolvedLimits): ByteBudget {
    const byRatio = Math.max(RATIO_FLOOR_BYTES, compressedBytes * limits.maxCompressionRatio);
    return new ByteBudget(Math.min(limits.maxDecompressedBytes, byRatio));
  }

  /** Records `n` more decompressed bytes; throws `ArchiveAbort` past the limit. */
  spend(n: number): void {
    this.spent += n;
    if (this.spent > this.limit) {
      throw new ArchiveAbort({
        code: "ARCHIVE_TOO_LARGE",
        message: `The archive decompresses to more than ${this.limit} bytes before its metadata is found; it was refused as a possible decompression bomb.`,
      });
    }
  }
}

/** Maps any error raised while scanning to the error reported to the caller. */
export function toIndexError(error: unknown): IndexError {
  if (error instanceof ArchiveAbort) return error.indexError;
  const code = typeof error === "object" && error !== null && "code" in error ? error.code : undefined;
  if (code === "ENOENT" || code === "EACCES" || code === "EISDIR") {
    return { code: "ARCHIVE_UNREADABLE", message: `The package file could not be read (${String(code)}).` };
  }
  const detail = error instanceof Error ? error.message : String(error);
  return { code: "ARCHIVE_INVALID", message: `The package archive is corrupt or not in the expected format: ${detail}.` };
}
