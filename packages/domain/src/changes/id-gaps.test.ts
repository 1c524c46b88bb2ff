import { describe, expect, it } from "vitest";
import { IdGaps } from "./id-gaps.js";

describe("IdGaps", () => {
  it("remembers skipped ids until they show up, and reports each id once", () => {
    const gaps = new IdGaps(10);
    expect(gaps.see(11, 0)).toBe(true);
    expect(gaps.see(14, 0)).toBe(true);
    expect(gaps.newest).toBe(14);
    expect(gaps.awaited().sort()).toEqual([12, 13]);
    // 12 commits late: it is still published, once.
    expect(gaps.see(12, 100)).toBe(true);
    expect(gaps.see(12, 100)).toBe(false);
    expect(gaps.see(14, 100)).toBe(false);
    expect(gaps.awaited()).toEqual([13]);
  });

  it("gives up on a gap after the age limit (a rolled-back id never appears)", () => {
    const gaps = new IdGaps(0, 1000);
    gaps.see(3, 0);
    gaps.expire(500);
    expect(gaps.awaited().sort()).toEqual([1, 2]);
    gaps.expire(1500);
    expect(gaps.awaited()).toEqual([]);
  });

  it("bounds how many gaps it keeps", () => {
    const gaps = new IdGaps(0, 1000, 5);
    gaps.see(100, 0);
    expect(gaps.awaited()).toHaveLength(5);
    expect(gaps.newest).toBe(100);
  });
});
