import { describe, expect, it } from "vitest";
import { loadConfig } from "./env.js";

describe("GATEHOUSE_GC_INTERVAL", () => {
  it("defaults to a day, takes a duration, and off turns the periodic collection off", () => {
    expect(loadConfig({}).gcIntervalMs).toBe(24 * 3_600_000);
    expect(loadConfig({ GATEHOUSE_GC_INTERVAL: "30m" }).gcIntervalMs).toBe(30 * 60_000);
    expect(loadConfig({ GATEHOUSE_GC_INTERVAL: "off" }).gcIntervalMs).toBeNull();
  });

  it.each(["0s", "soon", "-1h", "6 h", ""])("refuses %j naming the setting", (value) => {
    expect(() => loadConfig({ GATEHOUSE_GC_INTERVAL: value })).toThrow(/GATEHOUSE_GC_INTERVAL=.*duration such as 30m, 6h or 1d, or off/);
  });
});
