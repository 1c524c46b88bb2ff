import { type Result, fail, ok } from "../shared/result.js";
import { isValidCondaBuildString, isValidCondaName } from "./conda-names.js";
import { parseCondaVersion } from "./version-order.js";

/** The two conda package archive formats. */
export type CondaFormat = "tar.bz2" | "conda";

/** The parts of a conda package filename `<name>-<version>-<build>.<ext>`. */
export interface CondaFilename {
  filename: string;
  name: string;
  version: string;
  build: string;
  format: CondaFormat;
}

const EXTENSIONS: readonly [string, CondaFormat][] = [
  [".tar.bz2", "tar.bz2"],
  [".conda", "conda"],
];

const MAX_FILENAME_LENGTH = 255;
// Separators, NUL and other control characters never belong in a file we serve by name.
function hasForbiddenCharacter(filename: string): boolean {
  for (let i = 0; i < filename.length; i++) {
    const code = filename.charCodeAt(i);
    if (code < 0x20 || code === 0x7f || code === 0x2f || code === 0x5c) return true;
  }
  return false;
}

function invalid(filename: string, why: string): Result<CondaFilename> {
  return fail({ code: "FILENAME_INVALID", message: `"${filename}" is not a valid conda package filename: ${why}.` });
}

function splitExtension(filename: string): [string, CondaFormat] | undefined {
  for (const [extension, format] of EXTENSIONS) {
    if (filename.endsWith(extension)) return [filename.slice(0, -extension.length), format];
  }
  return undefined;
}

/**
 * Splits a conda filename from the right into name, version and build (the name may contain `-`).
 * @example parseCondaFilename("python-dateutil-2.9.0-pyhd8ed1ab_0.conda") // name "python-dateutil"
 */
export function parseCondaFilename(filename: string): Result<CondaFilename> {
  if (filename.length > MAX_FILENAME_LENGTH) return invalid(filename.slice(0, 40), "it is longer than 255 characters");
  if (hasForbiddenCharacter(filename)) return invalid(filename, "it contains a path separator or control character");
  if (filename.includes("..")) return invalid(filename, 'it contains ".."');
  const split = splitExtension(filename);
  if (split === undefined) {
    return fail({
      code: "FILENAME_UNSUPPORTED",
      message: `"${filename}" is not a conda package: expected a name ending in .tar.bz2 or .conda.`,
    });
  }
  const [stem, format] = split;
  const buildAt = stem.lastIndexOf("-");
  const versionAt = buildAt > 0 ? stem.lastIndexOf("-", buildAt - 1) : -1;
  if (versionAt <= 0) return invalid(filename, "expected <name>-<version>-<build>");
  const name = stem.slice(0, versionAt);
  const version = stem.slice(versionAt + 1, buildAt);
  const build = stem.slice(buildAt + 1);
  if (!isValidCondaName(name)) {
    return invalid(filename, `the name "${name}" must be lowercase letters, digits, "_", "-" or "."`);
  }
  if (version === "" || !parseCondaVersion(version).ok) return invalid(filename, `"${version}" is not a conda version`);
  if (!isValidCondaBuildString(build)) {
    return invalid(filename, `the build string "${build}" may hold only letters, digits, "_", "." and "+"`);
  }
  return ok({ filename, name, version, build, format });
}

/** The filename a package with these parts must have. */
export function formatCondaFilename(parts: Omit<CondaFilename, "filename">): string {
  return `${parts.name}-${parts.version}-${parts.build}.${parts.format}`;
}
