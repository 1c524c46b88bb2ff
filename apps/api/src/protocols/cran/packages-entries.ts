import { PACKAGES_FIELDS, compareRVersion } from "@gatehouse/repo-index";

/** The parts of a published R file the index is made from. */
export interface RFileFacts {
  project: string;
  version: string;
  filename: string;
  md5: string;
  sha256: string;
  kind: string;
  metadata: Record<string, unknown>;
}

// MD5sum and SHA256sum come from the bytes we stored, never from anything the upload claims.
const FROM_DESCRIPTION = PACKAGES_FIELDS.filter((f) => !["MD5sum", "SHA256sum", "File", "Path"].includes(f));

/** The newest version of each package (R version order; the filename breaks ties so the choice is stable). */
export function selectNewestPerPackage<T extends Pick<RFileFacts, "project" | "version" | "filename" | "kind">>(files: readonly T[]): Map<string, T> {
  const newest = new Map<string, T>();
  for (const f of files) {
    if (f.kind !== "r-source") continue;
    const cur = newest.get(f.project);
    if (!cur) {
      newest.set(f.project, f);
      continue;
    }
    const c = compareRVersion(f.version, cur.version);
    if (c > 0 || (c === 0 && f.filename > cur.filename)) newest.set(f.project, f);
  }
  return newest;
}

function descriptionFieldsOf(metadata: Record<string, unknown>): Record<string, unknown> {
  const fields = metadata.fields;
  return fields !== null && typeof fields === "object" ? (fields as Record<string, unknown>) : {};
}

/** One PACKAGES record for a file: its DESCRIPTION's index fields plus the stored digests. */
export function toPackagesEntry(file: RFileFacts): Record<string, string> {
  const fields = descriptionFieldsOf(file.metadata);
  const entry: Record<string, string> = {};
  for (const name of FROM_DESCRIPTION) {
    const value = fields[name];
    if (typeof value === "string") entry[name] = value;
  }
  entry.Package = file.project;
  entry.Version = file.version;
  entry.MD5sum = file.md5;
  // A mirrored file's sha256 is known once it is fetched (CRAN gives MD5 only).
  if (file.sha256 !== "") entry.SHA256sum = file.sha256;
  return entry;
}

/**
 * The PACKAGES records of a folder: the newest version of each package (older ones are served from
 * `Archive/<pkg>/` and left out, as CRAN does); the renderers sort them.
 * @example buildPackagesEntries(rows) // [{ Package: "foo", Version: "1.1", Imports: "bar", MD5sum: "…", SHA256sum: "…" }]
 */
export function buildPackagesEntries(files: readonly RFileFacts[]): Record<string, string>[] {
  return [...selectNewestPerPackage(files).values()].map(toPackagesEntry);
}
