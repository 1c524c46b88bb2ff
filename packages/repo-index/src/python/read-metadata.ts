import { fail, ok } from "../shared/result.js";
import type { Result } from "../shared/result.js";
import { parseCoreMetadata } from "./core-metadata.js";
import type { PythonCoreMetadata } from "./core-metadata.js";
import type { PythonFilename } from "./filename.js";
import { isSamePep440 } from "./pep440-compare.js";
import { normalizeProjectName } from "./project-name.js";
import { resolveArchiveLimits } from "../shared/archive-limits.js";
import type { ReadLimits } from "./read-limits.js";
import { readSdistMetadataBytes } from "./read-sdist.js";
import { readWheelMetadataBytes } from "./read-wheel.js";

function decodeMetadata(bytes: Buffer, allowLatin1: boolean): Result<string> {
  try {
    // Exact text (BOM kept) so that the served PEP 658 file is byte-for-byte the one in the wheel.
    return ok(new TextDecoder("utf-8", { fatal: true, ignoreBOM: true }).decode(bytes));
  } catch {
    // Old sdists sometimes wrote PKG-INFO in Latin-1; wheels must be UTF-8.
    if (allowLatin1) return ok(bytes.toString("latin1"));
    return fail({ code: "METADATA_INVALID", message: "the METADATA file is not valid UTF-8" });
  }
}

/**
 * Reads and checks the core metadata of a wheel (`*.dist-info/METADATA`) or sdist (`<dir>/PKG-INFO`).
 * Errors: ARCHIVE_INVALID, ARCHIVE_UNSAFE, ARCHIVE_TOO_LARGE, METADATA_MISSING, METADATA_TOO_LARGE,
 * METADATA_INVALID, METADATA_MISMATCH (name or version differ from the
 * filename; names compared PEP 503-normalized, versions by PEP 440 equality so `1.0` matches `1.0.0`).
 * @example await readPythonMetadata("/tmp/up/foo-1.0-py3-none-any.whl", parsed) // ok({ name: "foo", ... })
 */
export async function readPythonMetadata(
  path: string,
  parsed: PythonFilename,
  limits?: ReadLimits,
): Promise<Result<PythonCoreMetadata>> {
  const resolved = resolveArchiveLimits(limits);
  const bytes =
    parsed.kind === "wheel"
      ? await readWheelMetadataBytes(path, parsed, resolved)
      : await readSdistMetadataBytes(path, parsed, resolved);
  if (!bytes.ok) return bytes;
  const text = decodeMetadata(bytes.value, parsed.kind === "sdist");
  if (!text.ok) return text;
  const metadata = parseCoreMetadata(text.value);
  if (!metadata.ok) return metadata;
  const { name, version } = metadata.value;
  if (normalizeProjectName(name) !== parsed.project || !isSamePep440(version, parsed.version)) {
    return fail({
      code: "METADATA_MISMATCH",
      message: `the metadata says ${name} ${version} but the filename says ${parsed.name} ${parsed.version}`,
    });
  }
  return metadata;
}
