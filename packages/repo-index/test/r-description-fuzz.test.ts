import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { parseDcf, parseDescription } from "../src/index.js";

const line = fc.oneof(
  fc.constantFrom("Package: foo", "Version: 1.0", "Depends: R (>= 4.0),", "    methods", "\t", "", ":", "Key:", " continuation", "Encoding: latin1", "Title: \u00e9"),
  fc.string({ maxLength: 30 }),
);

describe("DESCRIPTION and DCF parsing of client input", () => {
  it("answers any text, or bytes in any encoding, with ok or a typed error", () => {
    fc.assert(
      fc.property(fc.array(line, { maxLength: 20 }), fc.uint8Array({ maxLength: 200 }), (lines, bytes) => {
        const text = lines.join("\n");
        for (const input of [text, Buffer.from(text), Buffer.from(bytes)]) {
          const result = parseDescription(input);
          if (!result.ok) expect(result.error.code).toMatch(/^[A-Z][A-Z_]+$/);
        }
        const dcf = parseDcf(text);
        if (!dcf.ok) expect(dcf.error.code).toMatch(/^[A-Z][A-Z_]+$/);
      }),
      { numRuns: 300 },
    );
  });
});
