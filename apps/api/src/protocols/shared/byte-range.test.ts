import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { type RangeRequest, parseByteRange } from "./byte-range.js";

describe("parseByteRange", () => {
  const cases: [string | null | undefined, number, RangeRequest][] = [
    [undefined, 1000, { kind: "full" }],
    [null, 10, { kind: "full" }],
    ["bytes=0-99", 1000, { kind: "partial", start: 0, end: 99 }],
    ["bytes=0-3", 10, { kind: "partial", start: 0, end: 3 }],
    ["bytes=900-", 1000, { kind: "partial", start: 900, end: 999 }],
    ["bytes=4-", 10, { kind: "partial", start: 4, end: 9 }],
    ["bytes=-100", 1000, { kind: "partial", start: 900, end: 999 }],
    ["bytes=-3", 10, { kind: "partial", start: 7, end: 9 }],
    ["bytes=-5000", 1000, { kind: "partial", start: 0, end: 999 }],
    ["bytes=-30", 10, { kind: "partial", start: 0, end: 9 }],
    ["bytes=990-5000", 1000, { kind: "partial", start: 990, end: 999 }],
    ["bytes=5-100", 10, { kind: "partial", start: 5, end: 9 }],
    ["bytes=1000-", 1000, { kind: "unsatisfiable" }],
    ["bytes=10-", 10, { kind: "unsatisfiable" }],
    ["bytes=-0", 1000, { kind: "unsatisfiable" }],
    ["bytes=0-", 0, { kind: "unsatisfiable" }],
    ["bytes=5-3", 1000, { kind: "full" }],
    ["bytes=0-1,5-9", 1000, { kind: "full" }],
    ["items=0-1", 1000, { kind: "full" }],
    ["bytes=-", 1000, { kind: "full" }],
  ];
  it.each(cases)("%s of %d bytes", (header, size, expected) => {
    expect(parseByteRange(header, size)).toEqual(expected);
  });

  it("always yields a range inside the file", () => {
    fc.assert(
      fc.property(fc.nat(10_000), fc.option(fc.nat(20_000)), fc.option(fc.nat(20_000)), (size, a, b) => {
        const r = parseByteRange(`bytes=${a ?? ""}-${b ?? ""}`, size);
        if (r.kind === "partial") {
          expect(r.start).toBeGreaterThanOrEqual(0);
          expect(r.end).toBeLessThan(size);
          expect(r.start).toBeLessThanOrEqual(r.end);
        }
      }),
    );
  });
});
