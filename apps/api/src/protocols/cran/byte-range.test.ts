import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { type RangeDecision, decideRange } from "./byte-range.js";

describe("decideRange", () => {
  const cases: [string | null, number, RangeDecision][] = [
    [null, 10, { kind: "full" }],
    ["bytes=0-3", 10, { kind: "partial", start: 0, end: 3 }],
    ["bytes=4-", 10, { kind: "partial", start: 4, end: 9 }],
    ["bytes=5-100", 10, { kind: "partial", start: 5, end: 9 }],
    ["bytes=-3", 10, { kind: "partial", start: 7, end: 9 }],
    ["bytes=-30", 10, { kind: "partial", start: 0, end: 9 }],
    ["bytes=10-", 10, { kind: "unsatisfiable" }],
    ["bytes=-0", 10, { kind: "unsatisfiable" }],
    ["bytes=0-", 0, { kind: "unsatisfiable" }],
    ["bytes=5-2", 10, { kind: "full" }],
    ["bytes=0-1,4-5", 10, { kind: "full" }],
    ["items=0-1", 10, { kind: "full" }],
    ["bytes=-", 10, { kind: "full" }],
  ];
  it.each(cases)("%s of %d bytes", (header, size, expected) => {
    expect(decideRange(header, size)).toEqual(expected);
  });

  it("only ever picks bytes inside the file", () => {
    fc.assert(
      fc.property(fc.nat(1000), fc.option(fc.nat(2000)), fc.option(fc.nat(2000)), (size, a, b) => {
        const d = decideRange(`bytes=${a ?? ""}-${b ?? ""}`, size);
        if (d.kind === "partial") {
          expect(d.start).toBeGreaterThanOrEqual(0);
          expect(d.end).toBeLessThan(size);
          expect(d.start).toBeLessThanOrEqual(d.end);
        }
      }),
    );
  });
});
