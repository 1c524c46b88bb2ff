import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { defaultExpiry, expiresAtFrom, parseExpiry } from "./expiry.js";

describe("parseExpiry", () => {
  it.each([
    ["45s", 45_000, "45s"],
    ["5m", 300_000, "5m"],
    ["12h", 43_200_000, "12h"],
    ["30d", 2_592_000_000, "30d"],
    [" 7d ", 604_800_000, "7d"],
    ["007d", 604_800_000, "7d"],
    ["36500d", 36_500 * 86_400_000, "36500d"],
  ])("parses %j", (text, ms, normalised) => {
    expect(parseExpiry(text)).toEqual({ ok: true, value: { kind: "duration", ms, text: normalised } });
  });

  it("parses never", () => {
    expect(parseExpiry("never")).toEqual({ ok: true, value: { kind: "never" } });
  });

  it.each(["", "0d", "0s", "-5m", "5", "d", "5w", "5 m", "5M", "1.5h", "Never", "36501d", "99999999999999d", "1e3s"])(
    "refuses %j naming the accepted forms",
    (text) => {
      const result = parseExpiry(text);
      expect(result.ok).toBe(false);
      if (result.ok) return;
      expect(result.error.code).toBe("EXPIRY_INVALID");
      expect(result.error.message).toMatch(/never/);
      expect(result.error.message).toMatch(/30d|36500d/);
    },
  );

  it("round-trips through its normalised text (property)", () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 36_500 }), fc.constantFrom("s", "m", "h", "d"), (n, unit) => {
        const first = parseExpiry(`${n}${unit}`);
        if (!first.ok || first.value.kind !== "duration") return false;
        const again = parseExpiry(first.value.text);
        return again.ok && JSON.stringify(again.value) === JSON.stringify(first.value) && first.value.text === `${n}${unit}`;
      }),
    );
  });
});

describe("expiresAtFrom", () => {
  const now = new Date("2025-01-01T00:00:00Z");

  it("adds the duration to now", () => {
    expect(expiresAtFrom({ kind: "duration", ms: 3_600_000, text: "1h" }, now)).toEqual(new Date("2025-01-01T01:00:00Z"));
  });

  it("is null for never", () => {
    expect(expiresAtFrom({ kind: "never" }, now)).toBeNull();
  });
});

describe("defaultExpiry", () => {
  it("is never for Posit-style tokens and one year for Anaconda-style ones", () => {
    expect(defaultExpiry("posit")).toEqual({ kind: "never" });
    expect(defaultExpiry("anaconda")).toEqual({ kind: "duration", ms: 31_536_000_000, text: "365d" });
    expect(parseExpiry("365d")).toEqual({ ok: true, value: defaultExpiry("anaconda") });
  });
});
