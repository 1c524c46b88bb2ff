import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { compareRVersion, isValidRPackageName, isValidRVersion, parseRTarballFilename } from "../src/index.js";

describe("R names and versions", () => {
  it.each(["ab", "ggplot2", "data.table", "R6", "A3.b"])("accepts package name %s", (n) => expect(isValidRPackageName(n)).toBe(true));
  it.each(["a", "2ab", ".ab", "ab.", "a_b", "a-b", "ab ", "äb", ""])("refuses package name %j", (n) =>
    expect(isValidRPackageName(n)).toBe(false),
  );
  it.each(["1.0", "1-0", "0.1.2-3", "2024.01.31", "10.0.0.0"])("accepts version %s", (v) => expect(isValidRVersion(v)).toBe(true));
  it.each(["1", "1.", "1..0", "1.0a", "v1.0", "-1.0", "1.0 ", ""])("refuses version %j", (v) => expect(isValidRVersion(v)).toBe(false));

  it("orders versions numerically, component by component", () => {
    const ordered = ["bogus", "zz", "0.9", "1.0", "1-0-0", "1.0.1", "1.9.3", "1.10-2", "1.10.2.1", "10.0"];
    for (let i = 0; i < ordered.length; i++) {
      for (let j = 0; j < ordered.length; j++) {
        expect(Math.sign(compareRVersion(ordered[i] ?? "", ordered[j] ?? "")), `${ordered[i]} vs ${ordered[j]}`).toBe(Math.sign(i - j));
      }
    }
    expect(compareRVersion("1.01", "1.1")).toBe(0);
    expect(compareRVersion("1-2", "1.2")).toBe(0);
  });

  it("is a total order", () => {
    const version = fc.oneof(
      fc.array(fc.integer({ min: 0, max: 20 }), { minLength: 2, maxLength: 4 }).map((ns) => ns.join(".")),
      fc.string({ maxLength: 5 }),
    );
    fc.assert(
      fc.property(version, version, version, (a, b, c) => {
        expect(compareRVersion(a, a)).toBe(0);
        expect(Math.sign(compareRVersion(a, b)) + Math.sign(compareRVersion(b, a))).toBe(0);
        if (compareRVersion(a, b) <= 0 && compareRVersion(b, c) <= 0) expect(compareRVersion(a, c)).toBeLessThanOrEqual(0);
      }),
      { numRuns: 1000 },
    );
  });
});

describe("parseRTarballFilename", () => {
  it.each([
    ["ggplot2_3.4.0.tar.gz", "ggplot2", "3.4.0"],
    ["data.table_1.14.8-1.tar.gz", "data.table", "1.14.8-1"],
  ])("parses %s", (filename, pkg, version) => {
    expect(parseRTarballFilename(filename)).toEqual({ ok: true, value: { package: pkg, version } });
  });

  it.each([
    ["../x_1.0.tar.gz", "FILENAME_INVALID"],
    ["dir/x1_1.0.tar.gz", "FILENAME_INVALID"],
    ["ab_1.0\u0000.tar.gz", "FILENAME_INVALID"],
    ["ab-1.0.tar.gz", "FILENAME_INVALID"],
    ["a_1.0.tar.gz", "FILENAME_INVALID"],
    ["ab_1.tar.gz", "FILENAME_INVALID"],
    ["ab_1.0_2.tar.gz", "FILENAME_INVALID"],
    ["ab_1.0.zip", "FILENAME_UNSUPPORTED"],
    ["ab_1.0.tgz", "FILENAME_UNSUPPORTED"],
  ])("refuses %j with %s", (filename, code) => {
    expect(parseRTarballFilename(filename)).toMatchObject({ ok: false, error: { code } });
  });
});
