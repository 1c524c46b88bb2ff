// SEXP types and flag bits of R's serialization format (R Internals, "Serialization Formats").
export const LISTSXP = 2;
export const SYMSXP = 1;
export const CHARSXP = 9;
export const LGLSXP = 10;
export const INTSXP = 13;
export const REALSXP = 14;
export const STRSXP = 16;
export const VECSXP = 19;
export const NILVALUE_SXP = 254;
export const IS_OBJECT = 1 << 8;
export const HAS_ATTR = 1 << 9;
export const HAS_TAG = 1 << 10;
export const UTF8_LEVEL = 1 << 3;
export const ASCII_LEVEL = 1 << 6;
export const NA_LENGTH = -1;

/** Writes R serialization data in XDR (big-endian) form into a list of chunks joined once at the end. */
export class XdrWriter {
  private readonly chunks: Buffer[] = [];

  writeInt(n: number): void {
    const b = Buffer.allocUnsafe(4);
    b.writeInt32BE(n);
    this.chunks.push(b);
  }

  writeReal(n: number): void {
    const b = Buffer.allocUnsafe(8);
    b.writeDoubleBE(n);
    this.chunks.push(b);
  }

  writeBytes(b: Buffer): void {
    this.chunks.push(b);
  }

  /** A CHARSXP: NA as length -1; otherwise UTF-8 bytes flagged ASCII or UTF-8 as R itself does. */
  writeCharsxp(s: string | undefined): void {
    if (s === undefined) {
      this.writeInt(CHARSXP);
      this.writeInt(NA_LENGTH);
      return;
    }
    const bytes = Buffer.from(s, "utf8");
    const level = bytes.length === s.length ? ASCII_LEVEL : UTF8_LEVEL;
    this.writeInt(CHARSXP | (level << 12));
    this.writeInt(bytes.length);
    this.writeBytes(bytes);
  }

  writeStrsxp(values: readonly (string | undefined)[], flags = 0): void {
    this.writeInt(STRSXP | flags);
    this.writeInt(values.length);
    for (const v of values) this.writeCharsxp(v);
  }

  /** One tagged pairlist node header followed by its tag symbol; the caller writes the value next. */
  writeAttributeTag(name: string): void {
    this.writeInt(LISTSXP | HAS_TAG);
    this.writeInt(SYMSXP);
    this.writeCharsxp(name);
  }

  toBuffer(): Buffer {
    return Buffer.concat(this.chunks);
  }
}
