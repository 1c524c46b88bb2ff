import { fail, ok } from "../shared/result.js";
import type { Result } from "../shared/result.js";
import { parseDcf } from "./dcf.js";

function decodeAs(bytes: Buffer, encoding: string | undefined): Result<string> {
  const label = (encoding ?? "UTF-8").trim().toLowerCase();
  // R's latin1 is ISO-8859-1 proper; WHATWG decoders would map it to windows-1252.
  if (["latin1", "latin-1", "iso-8859-1", "iso8859-1", "iso_8859-1"].includes(label)) return ok(bytes.toString("latin1"));
  try {
    return ok(new TextDecoder(label, { fatal: true }).decode(bytes));
  } catch (err) {
    const why = err instanceof RangeError && /encoding/i.test(err.message) ? "is not a supported Encoding" : "does not match the file's bytes";
    return fail({ code: "DESCRIPTION_INVALID", message: `DESCRIPTION's Encoding "${encoding ?? "UTF-8"}" ${why}` });
  }
}

/**
 * Parses an R package DESCRIPTION (exactly one DCF record). Given bytes, honours the `Encoding` field
 * (e.g. latin1) and decodes to Unicode; without one the bytes must be UTF-8. The `Encoding` value is kept.
 * Errors: DESCRIPTION_INVALID.
 * @example parseDescription("Package: foo\nVersion: 1.0\n").value // { Package: "foo", Version: "1.0" }
 */
export function parseDescription(text: string | Buffer): Result<Record<string, string>> {
  let decoded: string;
  if (typeof text === "string") {
    decoded = text;
  } else {
    // Field names are ASCII, so a byte-for-byte Latin-1 reading finds Encoding whatever the real encoding.
    const probe = parseDcf(text.toString("latin1"));
    const encoding = probe.ok ? probe.value[0]?.Encoding : undefined;
    const result = decodeAs(text, encoding);
    if (!result.ok) return result;
    decoded = result.value;
  }
  const records = parseDcf(decoded);
  if (!records.ok) return fail({ code: "DESCRIPTION_INVALID", message: `DESCRIPTION: ${records.error.message}` });
  const [record, ...rest] = records.value;
  if (record === undefined) return fail({ code: "DESCRIPTION_INVALID", message: "DESCRIPTION is empty" });
  if (rest.length > 0) {
    return fail({ code: "DESCRIPTION_INVALID", message: `DESCRIPTION must hold one record, not ${records.value.length}` });
  }
  return ok(record);
}
