import type { IndexError } from "./result.js";

/**
 * Bounds on the work done inspecting one uploaded archive, so that a compression bomb costs at
 * most a fraction of a second and a few megabytes. Every field has a safe default; the caller
 * (the domain, from its settings) may tighten or loosen them.
 */
export interface ArchiveLimits {
  /** Largest metadata file read (METADATA, PKG-INFO, DESCRIPTION, index.json, about.json). Default 1 MiB. */
  maxMetadataBytes?: number;
  /** Most archive members looked at (zip entries, tar members). Default 100,000. */
  maxEntries?: number;
  /** Most bytes decompressed while scanning one archive, whatever its size. Default 4 GiB. */
  maxDecompressedBytes?: number;
  /** Most decompressed bytes per compressed byte of the upload (applies above 16 MiB decompressed). Default 200. */
  maxCompressionRatio?: number;
  /** Longest one inspection may take, in milliseconds, checked between decompressed chunks. Default 60 s. */
  maxInspectMs?: number;
}

/** ArchiveLimits with every default filled in. */
export type ResolvedArchiveLimits = Required<ArchiveLimits>;

export const DEFAULT_ARCHIVE_LIMITS: ResolvedArchiveLimits = {
  maxMetadataBytes: 1024 * 1024,
  maxEntries: 100_000,
  maxDecompressedBytes: 4 * 1024 ** 3,
  maxCompressionRatio: 200,
  maxInspectMs: 60_000,
};

// Small archives legitimately reach high ratios (tar padding, empty files), so the ratio only bites above this.
export const RATIO_FLOOR_BYTES = 16 * 1024 * 1024;
// A tar stream holds little besides its members' data: a header and padding per member, pax
// records, end blocks and record padding. Past this slack (which also covers the reader running a
// few buffers ahead of the parser), bytes no header declares — zeros after the end blocks — are a bomb.
const TAR_SLACK_BYTES = 4 * 1024 * 1024;
const TAR_SLACK_PER_MEMBER = 16 * 1024;

/** Fills in the defaults of `limits`. */
export function resolveArchiveLimits(limits: ArchiveLimits = {}): ResolvedArchiveLimits {
  return {
    maxMetadataBytes: limits.maxMetadataBytes ?? DEFAULT_ARCHIVE_LIMITS.maxMetadataBytes,
    maxEntries: limits.maxEntries ?? DEFAULT_ARCHIVE_LIMITS.maxEntries,
    maxDecompressedBytes: limits.maxDecompressedBytes ?? DEFAULT_ARCHIVE_LIMITS.maxDecompressedBytes,
    maxCompressionRatio: limits.maxCompressionRatio ?? DEFAULT_ARCHIVE_LIMITS.maxCompressionRatio,
    maxInspectMs: limits.maxInspectMs ?? DEFAULT_ARCHIVE_LIMITS.maxInspectMs,
  };
}

/** A failure that ends an archive scan early; turned back into a Result at the public boundary. */
export class ArchiveAbort extends Error {
  constructor(readonly indexError: IndexError) {
    super(indexError.message);
    this.name = "ArchiveAbort";
  }
}

/**
 * Counts the work of one inspection — decompressed bytes, members, elapsed time — and aborts the
 * scan (throws ArchiveAbort with ARCHIVE_TOO_LARGE, naming the limit) as soon as one is spent.
 * @example
 * const budget = ScanBudget.start(stat.size, resolveArchiveLimits(limits));
 * gunzip.on("data", (chunk) => budget.spend(chunk.length));
 */
export class ScanBudget {
  private spent = 0;
  private entries = 0;
  private declared = 0;
  private tarSeen = 0;
  private readonly byteLimit: number;
  private readonly deadline: number;
  private readonly byRatio: boolean;

  private constructor(
    compressedBytes: number,
    private readonly limits: ResolvedArchiveLimits,
    private readonly clock: () => number,
  ) {
    const ratioLimit = Math.max(RATIO_FLOOR_BYTES, compressedBytes * limits.maxCompressionRatio);
    this.byRatio = ratioLimit < limits.maxDecompressedBytes;
    this.byteLimit = Math.min(limits.maxDecompressedBytes, ratioLimit);
    this.deadline = clock() + limits.maxInspectMs;
  }

  /** A budget for an archive of `compressedBytes` (the upload's size), starting the clock now. */
  static start(compressedBytes: number, limits: ResolvedArchiveLimits, clock: () => number = Date.now): ScanBudget {
    return new ScanBudget(compressedBytes, limits, clock);
  }

  /** Records `n` more decompressed bytes; throws ArchiveAbort past the byte limit or the deadline. */
  spend(n: number): void {
    this.spent += n;
    if (this.spent > this.byteLimit) throw this.tooLarge("decompresses to");
    this.checkDeadline();
  }

  /**
   * Records one more archive member of `size` declared bytes; throws ArchiveAbort past maxEntries,
   * or once the declared sizes alone pass the byte limit (an honest bomb, refused before inflating).
   */
  member(size = 0): void {
    this.entries += 1;
    this.declared += size;
    if (this.entries > this.limits.maxEntries) {
      throw new ArchiveAbort({ code: "ARCHIVE_TOO_LARGE", message: `the archive has more than ${this.limits.maxEntries} members (maxEntries)` });
    }
    if (this.declared > this.byteLimit) throw this.tooLarge("declares");
  }

  /** Records `n` more bytes of the tar stream itself; throws ArchiveAbort when too many of them belong to no member. */
  tarBytes(n: number): void {
    this.tarSeen += n;
    const allowed = TAR_SLACK_BYTES + TAR_SLACK_PER_MEMBER * this.entries;
    if (this.tarSeen - this.declared > allowed) {
      throw new ArchiveAbort({
        code: "ARCHIVE_TOO_LARGE",
        message: `the tar stream holds more than ${allowed} bytes outside its ${this.entries} members (padding or data after the end of the archive): refused as a possible decompression bomb`,
      });
    }
  }

  /** Throws ArchiveAbort once the inspection has run past maxInspectMs. */
  checkDeadline(): void {
    if (this.clock() > this.deadline) {
      throw new ArchiveAbort({
        code: "ARCHIVE_TOO_LARGE",
        message: `reading the archive took more than ${this.limits.maxInspectMs} ms (maxInspectMs): refused as too costly to inspect`,
      });
    }
  }

  private tooLarge(verb: string): ArchiveAbort {
    const why = this.byRatio
      ? `${this.limits.maxCompressionRatio} times its compressed size (maxCompressionRatio)`
      : "the maxDecompressedBytes limit";
    return new ArchiveAbort({
      code: "ARCHIVE_TOO_LARGE",
      message: `the archive ${verb} more than ${this.byteLimit} bytes, over ${why}: refused as a possible decompression bomb`,
    });
  }
}
