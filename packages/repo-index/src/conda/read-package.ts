import { type Result, fail } from "../shared/result.js";
import { resolveArchiveLimits } from "../shared/archive-limits.js";
import { type CondaReadLimits, toIndexError } from "./archive-limits.js";
import { parseCondaFilename } from "./conda-filename.js";
import type { RawCondaMetadata } from "./metadata-members.js";
import { type CondaPackageInfo, validateCondaMetadata } from "./package-info.js";
import { readDotCondaMetadata } from "./read-dot-conda.js";
import { readTarBz2Metadata } from "./read-tar-bz2.js";

/**
 * Reads and validates the metadata of the conda package stored at `path`, uploaded as `filename`.
 * Streams the archive: only info/index.json and info/about.json are held in memory, decompression
 * is capped (ARCHIVE_TOO_LARGE), and unsafe member paths are refused (ARCHIVE_UNSAFE_PATH).
 * @example
 * const info = await readCondaPackage("/tmp/upload-1", "numpy-2.0.0-py312h_0.conda");
 * if (info.ok) console.log(info.value.subdir);
 */
export async function readCondaPackage(
  path: string,
  filename: string,
  limits?: CondaReadLimits,
): Promise<Result<CondaPackageInfo>> {
  const parsed = parseCondaFilename(filename);
  if (!parsed.ok) return parsed;
  const resolved = resolveArchiveLimits(limits);
  let raw: RawCondaMetadata;
  try {
    raw =
      parsed.value.format === "conda"
        ? await readDotCondaMetadata(path, filename.slice(0, -".conda".length), resolved)
        : await readTarBz2Metadata(path, resolved);
  } catch (error) {
    return fail(toIndexError(error));
  }
  return validateCondaMetadata(parsed.value, raw);
}
