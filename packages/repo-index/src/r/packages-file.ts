import { wrapDcfField } from "./dcf-wrap.js";
import { PACKAGES_FIELDS, sortPackageEntries } from "./packages-fields.js";

/**
 * Renders a CRAN `PACKAGES` file: one DCF record per entry, sorted by Package then version, fields in
 * PACKAGES_FIELDS order (others and empty values left out), long values folded like `write.dcf`.
 * @example renderPackagesFile([{ Package: "foo", Version: "1.0", MD5sum: "…" }]) // "Package: foo\nVersion: 1.0\nMD5sum: …\n"
 */
export function renderPackagesFile(entries: readonly Record<string, string>[]): string {
  const records: string[] = [];
  for (const entry of sortPackageEntries(entries)) {
    const lines: string[] = [];
    for (const field of PACKAGES_FIELDS) {
      const value = entry[field];
      if (value !== undefined && value.trim() !== "") lines.push(wrapDcfField(field, value));
    }
    records.push(`${lines.join("\n")}\n`);
  }
  return records.join("\n");
}
