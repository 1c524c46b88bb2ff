import { describe, expect, it } from "vitest";
import { formatBytes, formatDateTime, formatResourceList } from "./format.js";

describe("formatDateTime", () => {
  it.each([
    ["2025-01-02T03:04:05.000Z", "2025-01-02 03:04 UTC"],
    [null, "—"],
    ["not a date", "not a date"],
  ])("formats %j", (input, expected) => {
    expect(formatDateTime(input)).toBe(expected);
  });
});

describe("formatBytes", () => {
  it.each([
    [0, "0 B"],
    [1023, "1023 B"],
    [1536, "1.5 KiB"],
    [150 * 1024 * 1024, "150 MiB"],
  ])("formats %d", (input, expected) => {
    expect(formatBytes(input)).toBe(expected);
  });
});

describe("formatResourceList", () => {
  it.each([
    ["*" as const, "all"],
    [[] as string[], "—"],
    [["pypi", "cran"], "pypi, cran"],
  ])("formats %j", (input, expected) => {
    expect(formatResourceList(input)).toBe(expected);
  });
});
