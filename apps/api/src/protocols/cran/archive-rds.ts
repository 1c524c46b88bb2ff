import { gzipSync } from "node:zlib";
import type { PackageFileRow } from "@gatehouse/domain";
import { type RAttributes, type RValue, compareRVersion, serializeRValue } from "@gatehouse/repo-index";
import { type PageOptions, makePage, respondWithPage } from "../cached-page.js";

// `src/contrib/Meta/archive.rds`, which remotes::install_version() and tools:::CRAN_archive_db() read: a
// named list (one element per package) of data frames as file.info() returns them, one row per archived
// tarball named "<pkg>/<pkg>_<version>.tar.gz" (its path under Archive/). Only versions older than the
// current one are listed, as on CRAN. The bytes come from repo-index's R value serializer.

const str = (values: readonly string[], attrs?: RAttributes): RValue => ({ type: "str", values, ...(attrs ? { attrs } : {}) });
const POSIXCT: RAttributes = [["class", str(["POSIXct", "POSIXt"])]];

function fileInfoFrame(files: readonly PackageFileRow[]): RValue {
  const n = files.length;
  const times = files.map((f) => new Date(f.published_at).getTime() / 1000);
  const columns: Array<[string, RValue]> = [
    ["size", { type: "real", values: files.map((f) => Number(f.size)) }],
    ["isdir", { type: "lgl", values: files.map(() => false) }],
    ["mode", { type: "int", values: files.map(() => 0o644), attrs: [["class", str(["octmode"])]] }],
    ["mtime", { type: "real", values: times, attrs: POSIXCT }],
    ["ctime", { type: "real", values: times, attrs: POSIXCT }],
    ["atime", { type: "real", values: times, attrs: POSIXCT }],
    ["uid", { type: "int", values: Array(n).fill(0) }],
    ["gid", { type: "int", values: Array(n).fill(0) }],
    ["uname", str(Array(n).fill("cran"))],
    ["grname", str(Array(n).fill("cran"))],
  ];
  return {
    type: "list",
    values: columns.map(([, v]) => v),
    attrs: [
      ["names", str(columns.map(([name]) => name))],
      ["row.names", str(files.map((f) => `${f.name}/${f.filename}`))],
      ["class", str(["data.frame"])],
    ],
  };
}

/**
 * Groups R source files by package and keeps those older than each package's newest version, oldest first.
 * @example archivedVersions(files).get("mypkg") // [mypkg_0.9.tar.gz row]
 */
export function archivedVersions(files: readonly PackageFileRow[]): Map<string, PackageFileRow[]> {
  const byPackage = new Map<string, PackageFileRow[]>();
  for (const f of files) {
    if (f.kind !== "r-source") continue;
    byPackage.set(f.name, [...(byPackage.get(f.name) ?? []), f]);
  }
  const archived = new Map<string, PackageFileRow[]>();
  for (const name of [...byPackage.keys()].sort()) {
    const sorted = (byPackage.get(name) ?? []).sort((a, b) => compareRVersion(a.version, b.version));
    const newest = sorted.at(-1)?.version;
    const older = sorted.filter((f) => newest !== undefined && compareRVersion(f.version, newest) < 0);
    if (older.length > 0) archived.set(name, older);
  }
  return archived;
}

/**
 * Serializes archive.rds (gzip, XDR format 2, readable by every R since 1.4) for a repo's R files.
 * @example readRDS(url("…/src/contrib/Meta/archive.rds"))$mypkg  # a data frame, rownames "mypkg/mypkg_0.9.tar.gz"
 */
export function serializeArchiveRds(files: readonly PackageFileRow[]): Buffer {
  const archived = archivedVersions(files);
  return gzipSync(serializeRValue({ type: "list", values: [...archived.values()].map(fileInfoFrame), attrs: [["names", str([...archived.keys()])]] }));
}

/** Answers a request for archive.rds from the files a folder holds (rendered per request: clients ask for it rarely). */
export function serveArchiveRds(files: readonly PackageFileRow[], request: Request, head: boolean, options: PageOptions = {}): Response {
  return respondWithPage(makePage(serializeArchiveRds(files), "application/octet-stream"), request, head, options);
}
