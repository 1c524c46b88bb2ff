import { compareRVersion } from "./r-version.js";

/** The fields of a repository index (PACKAGES, PACKAGES.rds), in CRAN's order, plus SHA256sum, File and Path. */
export const PACKAGES_FIELDS: readonly string[] = Object.freeze([
  "Package",
  "Version",
  "Priority",
  "Depends",
  "Imports",
  "LinkingTo",
  "Suggests",
  "Enhances",
  "License",
  "License_is_FOSS",
  "License_restricts_use",
  "OS_type",
  "Archs",
  "MD5sum",
  "SHA256sum",
  "NeedsCompilation",
  "File",
  "Path",
]);

/** Sorts index entries by Package (code point order, like R in the C locale), then by R version. */
export function sortPackageEntries(entries: readonly Record<string, string>[]): Record<string, string>[] {
  return [...entries].sort((a, b) => {
    const pa = a.Package ?? "";
    const pb = b.Package ?? "";
    if (pa !== pb) return pa < pb ? -1 : 1;
    return compareRVersion(a.Version ?? "", b.Version ?? "");
  });
}
