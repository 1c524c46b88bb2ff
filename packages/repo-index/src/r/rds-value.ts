import { HAS_ATTR, INTSXP, IS_OBJECT, LGLSXP, NILVALUE_SXP, REALSXP, STRSXP, VECSXP, XdrWriter } from "./rds-xdr.js";

/** The R values plain data (vectors, lists, data frames) is made of, with attributes in order. */
export type RValue =
  | { type: "str"; values: readonly string[]; attrs?: RAttributes }
  | { type: "int"; values: readonly number[]; attrs?: RAttributes }
  | { type: "real"; values: readonly number[]; attrs?: RAttributes }
  | { type: "lgl"; values: readonly boolean[]; attrs?: RAttributes }
  | { type: "list"; values: readonly RValue[]; attrs?: RAttributes };
export type RAttributes = ReadonlyArray<readonly [name: string, value: RValue]>;

const TYPE_CODE = { str: STRSXP, int: INTSXP, real: REALSXP, lgl: LGLSXP, list: VECSXP } as const;

function writeValue(out: XdrWriter, v: RValue): void {
  const attrs = v.attrs ?? [];
  const isObject = attrs.some(([name]) => name === "class");
  out.writeInt(TYPE_CODE[v.type] | (attrs.length > 0 ? HAS_ATTR : 0) | (isObject ? IS_OBJECT : 0));
  out.writeInt(v.values.length);
  switch (v.type) {
    case "str":
      for (const s of v.values) out.writeCharsxp(s);
      break;
    case "int":
      for (const n of v.values) out.writeInt(n);
      break;
    case "real":
      for (const n of v.values) out.writeReal(n);
      break;
    case "lgl":
      for (const b of v.values) out.writeInt(b ? 1 : 0);
      break;
    case "list":
      for (const item of v.values) writeValue(out, item);
      break;
  }
  if (attrs.length === 0) return;
  // Attributes are a tagged pairlist ending in R_NilValue.
  for (const [name, value] of attrs) {
    out.writeAttributeTag(name);
    writeValue(out, value);
  }
  out.writeInt(NILVALUE_SXP);
}

/**
 * Serializes one R value (before gzip) as XDR format 2, written as by R 4.2.0 and readable by
 * R 2.3.0 and later, which `readRDS` reads once gzipped.
 * @example gzipSync(serializeRValue({ type: "str", values: ["a"] }))
 */
export function serializeRValue(value: RValue): Buffer {
  const out = new XdrWriter();
  out.writeBytes(Buffer.from("X\n", "latin1"));
  out.writeInt(2);
  out.writeInt(4 * 65536 + 2 * 256);
  out.writeInt(2 * 65536 + 3 * 256);
  writeValue(out, value);
  return out.toBuffer();
}
