import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { findNulField } from "./parse-body.js";

describe("findNulField", () => {
  it.each([
    [{ name: "a\u0000b" }, "name"],
    [{ name: "ok", tags: ["x", "y\u0000"] }, "tags"],
    [{ nested: { deep: [{ v: "\u0000" }] } }, "nested"],
    [{ "k\u0000": 1 }, "k\u0000"],
    ["\u0000", ""],
    [{ name: "fine", n: 1, b: true, z: null }, undefined],
  ])("finds the NUL in %j", (body, field) => {
    expect(findNulField(body)).toBe(field);
  });

  it("walks a deeply nested body without overflowing the stack", () => {
    let body: unknown = "\u0000";
    for (let i = 0; i < 100_000; i++) body = [body];
    expect(findNulField({ deep: body })).toBe("deep");
  });

  it("finds a NUL exactly when the JSON text holds one", () => {
    fc.assert(
      fc.property(fc.jsonValue(), (value) => {
        const hasNul = JSON.stringify(value).includes("\\u0000");
        expect(findNulField(value) !== undefined).toBe(hasNul);
      }),
      { numRuns: 300 },
    );
  });
});
