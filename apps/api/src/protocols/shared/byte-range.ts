/** What a `Range` header asks of a file of known size. */
export type RangeRequest =
  | { kind: "full" }
  | { kind: "partial"; start: number; end: number }
  | { kind: "unsatisfiable" };

const SINGLE_RANGE = /^bytes=(\d*)-(\d*)$/;

/**
 * Interprets a `Range` header (RFC 9110 §14) for a file of `size` bytes.
 * Only one range is honoured: multi-range and malformed headers get the whole
 * file, which the RFC allows and every installer accepts.
 *
 * @example
 * parseByteRange("bytes=-100", 1000) // { kind: "partial", start: 900, end: 999 }
 */
export function parseByteRange(header: string | null | undefined, size: number): RangeRequest {
  if (!header) return { kind: "full" };
  const m = SINGLE_RANGE.exec(header.trim());
  if (!m) return { kind: "full" };
  const [, first = "", last = ""] = m;
  if (first === "" && last === "") return { kind: "full" };
  if (first === "") {
    const suffix = Number(last);
    if (suffix === 0 || size === 0) return { kind: "unsatisfiable" };
    return { kind: "partial", start: Math.max(0, size - suffix), end: size - 1 };
  }
  const start = Number(first);
  if (start >= size) return { kind: "unsatisfiable" };
  const end = last === "" ? size - 1 : Math.min(Number(last), size - 1);
  if (end < start) return { kind: "full" };
  return { kind: "partial", start, end };
}
