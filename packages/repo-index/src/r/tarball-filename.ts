import { checkSafeFilename } from "../python/safe-filename.js";
import { fail, ok } from "../shared/result.js";
import type { Result } from "../shared/result.js";
import { isValidRPackageName, isValidRVersion } from "./r-version.js";

/**
 * Parses an R source package filename, `<package>_<version>.tar.gz`.
 * Errors: FILENAME_INVALID (bad name or version, path separators, ".."), FILENAME_UNSUPPORTED (not .tar.gz).
 * @example parseRTarballFilename("ggplot2_3.4.0.tar.gz").value // { package: "ggplot2", version: "3.4.0" }
 */
export function parseRTarballFilename(filename: string): Result<{ package: string; version: string }> {
  const invalid = (why: string) =>
    fail({ code: "FILENAME_INVALID", message: `"${filename}" is not a valid R package filename: ${why}` });
  const unsafe = checkSafeFilename(filename);
  if (unsafe !== undefined) return invalid(unsafe);
  if (!filename.endsWith(".tar.gz")) {
    return fail({ code: "FILENAME_UNSUPPORTED", message: `"${filename}" is not an R source package; upload <package>_<version>.tar.gz` });
  }
  const base = filename.slice(0, -".tar.gz".length);
  const underscore = base.indexOf("_");
  if (underscore === -1) return invalid("expected <package>_<version>.tar.gz");
  const pkg = base.slice(0, underscore);
  const version = base.slice(underscore + 1);
  if (!isValidRPackageName(pkg)) return invalid(`"${pkg}" is not a valid R package name`);
  if (!isValidRVersion(version)) return invalid(`"${version}" is not a valid R version (e.g. 1.0-2)`);
  return ok({ package: pkg, version });
}
