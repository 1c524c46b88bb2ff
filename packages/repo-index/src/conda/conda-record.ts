import type { CondaPackageInfo } from "./package-info.js";
import { sortKeys } from "./sort-keys.js";

/** One file's entry in repodata.json, with the keys exactly as conda writes them. */
export interface CondaRecord {
  name: string;
  version: string;
  build: string;
  build_number: number;
  subdir: string;
  depends: string[];
  constrains: string[];
  license?: string;
  license_family?: string;
  noarch?: string;
  timestamp?: number;
  md5: string;
  sha256: string;
  size: number;
  track_features?: string;
  features?: string;
  [extra: string]: unknown;
}

// Optional repodata keys, with the JSON type conda expects; anything else in index.json stays out,
// so a package cannot stuff arbitrary data into every client's repodata download.
const OPTIONAL_KEYS: readonly [string, "string" | "number"][] = [
  ["arch", "string"],
  ["platform", "string"],
  ["license", "string"],
  ["license_family", "string"],
  ["noarch", "string"],
  ["timestamp", "number"],
  ["track_features", "string"],
  ["features", "string"],
  ["python_site_packages_path", "string"],
];

function stringList(value: unknown): string[] {
  return Array.isArray(value) ? value.filter((item): item is string => typeof item === "string") : [];
}

/**
 * Builds the repodata.json record of a validated package from its index.json and file digests.
 * @example toCondaRecord(info, { md5, sha256, size: 12345 })
 */
export function toCondaRecord(info: CondaPackageInfo, file: { md5: string; sha256: string; size: number }): CondaRecord {
  const record: CondaRecord = {
    name: info.name,
    version: info.version,
    build: info.build,
    build_number: info.buildNumber,
    subdir: info.subdir,
    depends: stringList(info.index["depends"]),
    constrains: stringList(info.index["constrains"]),
    md5: file.md5,
    sha256: file.sha256,
    size: file.size,
  };
  copyOptionalCondaKeys(info.index, record);
  return sortKeys(record);
}

/**
 * Copies the optional repodata keys conda reads (arch, license, noarch, timestamp, …) that have the
 * JSON type conda expects from `from` into `record`; every other key stays out, so a package or an
 * upstream channel cannot stuff arbitrary data into every client's repodata download.
 * @example copyOptionalCondaKeys({ license: "MIT", evil: 1 }, record) // record.license === "MIT"
 */
export function copyOptionalCondaKeys(from: Record<string, unknown>, record: CondaRecord): void {
  for (const [key, type] of OPTIONAL_KEYS) {
    const value = from[key];
    // Older packages write "track_features": "" or "noarch": null; conda treats those as absent.
    if (typeof value === type && value !== "") record[key] = value;
  }
}
