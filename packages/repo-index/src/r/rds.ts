import { gzipSync } from "node:zlib";
import { PACKAGES_FIELDS, sortPackageEntries } from "./packages-fields.js";
import { ASCII_LEVEL, CHARSXP, HAS_ATTR, INTSXP, NA_LENGTH, NILVALUE_SXP, STRSXP, UTF8_LEVEL, VECSXP, XdrWriter } from "./rds-xdr.js";

/** R_Version(major, minor, patch) as R encodes it in the serialization header. */
function encodeRVersion(major: number, minor: number, patch: number): number {
  return major * 65536 + minor * 256 + patch;
}

function serializeToBuffer(write: (out: XdrWriter) => void): Buffer {
  const out = new XdrWriter();
  write(out);
  return out.toBuffer();
}

/**
 * The bytes of PACKAGES.rds (before gzip) up to the first cell of a matrix of `rows` rows: the
 * serialization header and the character vector's header. Then come the cells, column by column
 * (`rdsCell`), then `rdsTrailer`: incremental renderers assemble the same bytes from cached cells.
 */
export function rdsHeader(rows: number): Buffer {
  return serializeToBuffer((out) => {
    out.writeBytes(Buffer.from("X\n", "latin1"));
    out.writeInt(3);
    out.writeInt(encodeRVersion(4, 2, 0));
    out.writeInt(encodeRVersion(3, 5, 0));
    const encoding = Buffer.from("UTF-8", "latin1");
    out.writeInt(encoding.length);
    out.writeBytes(encoding);
    out.writeInt(STRSXP | HAS_ATTR);
    out.writeInt(rows * PACKAGES_FIELDS.length);
  });
}

/** One cell of the PACKAGES.rds matrix: the entry's field, or NA when it has none. */
export function rdsCell(entry: Record<string, string>, field: string): Buffer {
  const value = Object.hasOwn(entry, field) ? entry[field] : undefined;
  // Written in one allocation (what XdrWriter.writeCharsxp writes): a 25,000-row matrix has 450,000 cells.
  if (value === undefined) {
    const na = Buffer.allocUnsafe(8);
    na.writeInt32BE(CHARSXP, 0);
    na.writeInt32BE(NA_LENGTH, 4);
    return na;
  }
  const length = Buffer.byteLength(value, "utf8");
  const cell = Buffer.allocUnsafe(8 + length);
  cell.writeInt32BE(CHARSXP | ((length === value.length ? ASCII_LEVEL : UTF8_LEVEL) << 12), 0);
  cell.writeInt32BE(length, 4);
  cell.write(value, 8, "utf8");
  return cell;
}

/** The matrix's `dim` and `dimnames` attributes, which end PACKAGES.rds (before gzip). */
export function rdsTrailer(rows: number): Buffer {
  return serializeToBuffer((out) => {
    out.writeAttributeTag("dim");
    out.writeInt(INTSXP);
    out.writeInt(2);
    out.writeInt(rows);
    out.writeInt(PACKAGES_FIELDS.length);

    out.writeAttributeTag("dimnames");
    out.writeInt(VECSXP);
    out.writeInt(2);
    out.writeInt(NILVALUE_SXP);
    out.writeStrsxp(PACKAGES_FIELDS);
    out.writeInt(NILVALUE_SXP);
  });
}

/**
 * Serializes index entries as `PACKAGES.rds`: a gzip-compressed, XDR, format-3 R serialization of a
 * character matrix (one row per entry, sorted like PACKAGES; columns PACKAGES_FIELDS; NA for missing
 * fields) with dimnames `list(NULL, <fields>)`, which `readRDS` and `available.packages` read.
 * Values are kept exactly (newlines included); strings are marked UTF-8 unless ASCII.
 * @example writeFileSync("PACKAGES.rds", serializePackagesRds([{ Package: "foo", Version: "1.0" }]))
 */
export function serializePackagesRds(entries: readonly Record<string, string>[]): Buffer {
  const rows = sortPackageEntries(entries);
  const parts: Buffer[] = [rdsHeader(rows.length)];
  // R stores matrices column-major.
  for (const field of PACKAGES_FIELDS) for (const row of rows) parts.push(rdsCell(row, field));
  parts.push(rdsTrailer(rows.length));
  return gzipSync(Buffer.concat(parts));
}
