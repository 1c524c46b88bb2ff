import { ArchiveAbort, type ArchiveLimits } from "../shared/archive-limits.js";
import type { IndexError } from "../shared/result.js";

/** Caps applied while reading a conda archive (the shared archive limits). */
export type CondaReadLimits = ArchiveLimits;

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
