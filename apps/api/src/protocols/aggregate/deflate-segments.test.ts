import { execFileSync } from "node:child_process";
import { crc32, gunzipSync } from "node:zlib";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { crc32Combine } from "./crc32-combine.js";
import { assemble, makeSegment, segmentDocument } from "./deflate-segments.js";

describe("documents joined from separately deflated segments", () => {
  it("are one gzip member of the joined bytes, read alike by zlib and gzip(1)", () => {
    fc.assert(
      fc.property(fc.array(fc.uint8Array({ maxLength: 3000 }), { maxLength: 12 }), (parts) => {
        const segments = parts.map((p) => makeSegment(Buffer.from(p)));
        const doc = assemble(segments, true);
        const expected = Buffer.concat(parts.map((p) => Buffer.from(p)));
        expect(doc.body?.equals(expected)).toBe(true);
        expect(gunzipSync(doc.gzip).equals(expected)).toBe(true);
        expect(Buffer.concat(segmentDocument(segments).gzip).equals(doc.gzip)).toBe(true);
      }),
      { numRuns: 200 },
    );
    const big = [Buffer.alloc(200_000, "repodata "), Buffer.from("x".repeat(70_000)), Buffer.alloc(0), Buffer.from("end\n")];
    const doc = assemble(big.map(makeSegment), false);
    expect(execFileSync("gzip", ["-dc"], { input: doc.gzip }).equals(Buffer.concat(big))).toBe(true);
  });

  it("combine CRCs exactly as one pass over the joined bytes", () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 5000 }), fc.uint8Array({ maxLength: 5000 }), (a, b) => {
        expect(crc32Combine(crc32(a), crc32(b), b.length)).toBe(crc32(Buffer.concat([a, b])));
      }),
    );
  });

  it("change their ETag when any byte changes and keep it otherwise", () => {
    const a = segmentDocument(["one", "two"].map((s) => makeSegment(Buffer.from(s))));
    expect(segmentDocument(["one", "two"].map((s) => makeSegment(Buffer.from(s)))).etag).toBe(a.etag);
    expect(segmentDocument(["one", "twO"].map((s) => makeSegment(Buffer.from(s)))).etag).not.toBe(a.etag);
  });
});
