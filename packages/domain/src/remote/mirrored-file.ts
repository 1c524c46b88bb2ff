import type { PackageFilesTable } from "../db/index.js";

/**
 * One file an upstream index lists, ready to be recorded as a row (its bytes
 * are fetched on first download). A digest the upstream does not give is "":
 * CRAN gives only MD5sum, so an R file's sha256 is learnt when it is fetched.
 */
export interface MirroredFile {
  filename: string;
  project: string;
  name: string;
  version: string;
  kind: PackageFilesTable["kind"];
  sha256: string;
  md5: string;
  /** 0 when the index does not say. */
  size: number;
  subdir: string | null;
  biocVersion: string | null;
  metadata: Record<string, unknown>;
  /** Absolute URL of the bytes. */
  url: string;
  yanked: string | null;
}

const HEX64 = /^[0-9a-f]{64}$/;
const HEX32 = /^[0-9a-f]{32}$/;

/** The digest lower-cased when it is a well-formed sha256, else "". */
export function sha256Or(value: unknown): string {
  const v = typeof value === "string" ? value.trim().toLowerCase() : "";
  return HEX64.test(v) ? v : "";
}

/** The digest lower-cased when it is a well-formed md5, else "". */
export function md5Or(value: unknown): string {
  const v = typeof value === "string" ? value.trim().toLowerCase() : "";
  return HEX32.test(v) ? v : "";
}
