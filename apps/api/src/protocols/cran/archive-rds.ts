import { gzipSync } from "node:zlib";
import type { PackageFileRow } from "@gatehouse/domain";
import { compareRVersion } from "@gatehouse/repo-index";
import { type PageOptions, makePage, respondWithPage } from "../cached-page.js";

// `src/contrib/Meta/archive.rds`, which remotes::install_version() and tools:::CRAN_archive_db() read: a
// named list (one element per package) of data frames as file.info() returns them, one row per archived
// tarball named "<pkg>/<pkg>_<version>.tar.gz" (its path under Archive/). Only versions older than the
// current one are listed, as on CRAN. The repo-index RDS writer serializes PACKAGES' character matrix
// only, so the few value kinds a data frame needs are written here.

const LGLSXP = 10;
const INTSXP = 13;
const REALSXP = 14;
const STRSXP = 16;
const VECSXP = 19;
const LISTSXP = 2;
const SYMSXP = 1;
const CHARSXP = 9;
const NILVALUE_SXP = 254;
const IS_OBJECT = 1 << 8;
const HAS_ATTR = 1 << 9;
const HAS_TAG = 1 << 10;
const ASCII_LEVEL = 1 << 6;
const UTF8_LEVEL = 1 << 3;

/** The R values a data frame of file.info() is made of. */
type RValue =
  | { type: "str"; values: readonly string[]; attrs?: Attrs }
  | { type: "int"; values: readonly number[]; attrs?: Attrs }
  | { type: "real"; values: readonly number[]; attrs?: Attrs }
  | { type: "lgl"; values: readonly boolean[]; attrs?: Attrs }
  | { type: "list"; values: readonly RValue[]; attrs?: Attrs };
type Attrs = ReadonlyArray<readonly [name: string, value: RValue]>;

const TYPE_CODE = { str: STRSXP, int: INTSXP, real: REALSXP, lgl: LGLSXP, list: VECSXP } as const;

class Writer {
  private readonly parts: Buffer[] = [];
  int(n: number): void {
    const b = Buffer.allocUnsafe(4);
    b.writeInt32BE(n);
    this.parts.push(b);
  }
  real(n: number): void {
    const b = Buffer.allocUnsafe(8);
    b.writeDoubleBE(n);
    this.parts.push(b);
  }
  chars(s: string): void {
    const bytes = Buffer.from(s, "utf8");
    this.int(CHARSXP | ((bytes.length === s.length ? ASCII_LEVEL : UTF8_LEVEL) << 12));
    this.int(bytes.length);
    this.parts.push(bytes);
  }
  value(v: RValue): void {
    const attrs = v.attrs ?? [];
    const isObject = attrs.some(([name]) => name === "class");
    this.int(TYPE_CODE[v.type] | (attrs.length > 0 ? HAS_ATTR : 0) | (isObject ? IS_OBJECT : 0));
    this.int(v.values.length);
    switch (v.type) {
      case "str":
        for (const s of v.values) this.chars(s);
        break;
      case "int":
        for (const n of v.values) this.int(n);
        break;
      case "real":
        for (const n of v.values) this.real(n);
        break;
      case "lgl":
        for (const b of v.values) this.int(b ? 1 : 0);
        break;
      case "list":
        for (const item of v.values) this.value(item);
        break;
    }
    if (attrs.length === 0) return;
    // Attributes are a tagged pairlist ending in R_NilValue.
    for (const [name, value] of attrs) {
      this.int(LISTSXP | HAS_TAG);
      this.int(SYMSXP);
      this.chars(name);
      this.value(value);
    }
    this.int(NILVALUE_SXP);
  }
  /** "X\n", format 2, written by R 4.2.0, readable by R 2.3.0 and later. */
  header(): void {
    this.parts.push(Buffer.from("X\n", "latin1"));
    this.int(2);
    this.int(4 * 65536 + 2 * 256);
    this.int(2 * 65536 + 3 * 256);
  }
  bytes(): Buffer {
    return Buffer.concat(this.parts);
  }
}

const str = (values: readonly string[], attrs?: Attrs): RValue => ({ type: "str", values, ...(attrs ? { attrs } : {}) });
const POSIXCT: Attrs = [["class", str(["POSIXct", "POSIXt"])]];

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
  const out = new Writer();
  out.header();
  out.value({ type: "list", values: [...archived.values()].map(fileInfoFrame), attrs: [["names", str([...archived.keys()])]] });
  return gzipSync(out.bytes());
}

/** Answers a request for archive.rds from the files a folder holds (rendered per request: clients ask for it rarely). */
export function serveArchiveRds(files: readonly PackageFileRow[], request: Request, head: boolean, options: PageOptions = {}): Response {
  return respondWithPage(makePage(serializeArchiveRds(files), "application/octet-stream"), request, head, options);
}
