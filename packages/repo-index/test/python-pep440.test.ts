import { spawnSync } from "node:child_process";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { comparePep440, normalizePep440, parsePep440 } from "../src/index.js";
import { anyVersion, pep440Version } from "./python-pep440-arbitraries.js";

const sign = (n: number): number => Math.sign(n);

describe("parsePep440", () => {
  it.each([
    ["1.0", "1.0"],
    ["v1.0", "1.0"],
    ["  1.0  ", "1.0"],
    ["1.0-RC1", "1.0rc1"],
    ["1.0c1", "1.0rc1"],
    ["1.0-preview-2", "1.0rc2"],
    ["1.0alpha", "1.0a0"],
    ["1.0.0-1", "1.0.0.post1"],
    ["1.0-r4", "1.0.post4"],
    ["1.0_post_2", "1.0.post2"],
    ["1.0.DEV", "1.0.dev0"],
    ["01.002", "1.2"],
    ["0!1.0", "1.0"],
    ["2!1.0a1.post2.dev3+Ubuntu-01", "2!1.0a1.post2.dev3+ubuntu.1"],
    ["1.0+abc_def.7", "1.0+abc.def.7"],
  ])("normalizes %j to %s", (input, normalized) => {
    expect(normalizePep440(input)).toBe(normalized);
    expect(parsePep440(input)).toMatchObject({ ok: true, value: { normalized } });
  });

  it("exposes the parts", () => {
    expect(parsePep440("1!2.3rc4.post5.dev6+a.7")).toEqual({
      ok: true,
      value: {
        epoch: 1,
        release: [2, 3],
        pre: { label: "rc", number: 4 },
        post: 5,
        dev: 6,
        local: ["a", "7"],
        normalized: "1!2.3rc4.post5.dev6+a.7",
        public: "1!2.3rc4.post5.dev6",
      },
    });
  });

  it.each(["", "1.0.", ".1", "1..0", "1.0+", "1.0+a..b", "1.0-", "abc", "1.0 beta", "1.0b1b2", "1,0", "1.0+ä"])(
    "refuses %j",
    (input) => {
      expect(parsePep440(input)).toMatchObject({ ok: false, error: { code: "VERSION_INVALID" } });
      expect(normalizePep440(input)).toBeUndefined();
    },
  );
});

describe("comparePep440", () => {
  const ordered = [
    "not a version",
    "zzz",
    "0.1",
    "1.0.dev456",
    "1.0a1",
    "1.0a2.dev456",
    "1.0a12.dev456",
    "1.0a12",
    "1.0b1.dev456",
    "1.0b2",
    "1.0b2.post345.dev456",
    "1.0b2.post345",
    "1.0rc1.dev456",
    "1.0rc1",
    "1.0",
    "1.0+abc.5",
    "1.0+abc.7",
    "1.0+5",
    "1.0.post456.dev34",
    "1.0.post456",
    "1.0.15",
    "1.1.dev1",
    "99999999999999999998",
    "99999999999999999999",
    "1!0.1",
  ];

  it("orders the reference list strictly", () => {
    for (let i = 0; i < ordered.length; i++) {
      for (let j = 0; j < ordered.length; j++) {
        expect(sign(comparePep440(ordered[i] ?? "", ordered[j] ?? "")), `${ordered[i]} vs ${ordered[j]}`).toBe(sign(i - j));
      }
    }
  });

  it.each([
    ["1.0", "1.0.0"],
    ["1.0", "v1.0.0.0"],
    ["1.0a", "1.0a0"],
    ["1.0-1", "1.0.post1"],
    ["1.0+ABC", "1.0+abc"],
    ["1.0+01", "1.0+1"],
  ])("treats %s and %s as equal", (a, b) => {
    expect(comparePep440(a, b)).toBe(0);
  });

  it("is a total order consistent with sort", () => {
    fc.assert(
      fc.property(anyVersion, anyVersion, anyVersion, (a, b, c) => {
        expect(comparePep440(a, a)).toBe(0);
        expect(sign(comparePep440(a, b)) + sign(comparePep440(b, a))).toBe(0);
        if (comparePep440(a, b) <= 0 && comparePep440(b, c) <= 0) expect(comparePep440(a, c)).toBeLessThanOrEqual(0);
        const sorted = [c, a, b].sort(comparePep440);
        expect(comparePep440(sorted[0] ?? "", sorted[1] ?? "")).toBeLessThanOrEqual(0);
        expect(comparePep440(sorted[1] ?? "", sorted[2] ?? "")).toBeLessThanOrEqual(0);
      }),
      { numRuns: 2000 },
    );
  });

  it("compares every spelling equal to its normalized form, which is a fixed point", () => {
    fc.assert(
      fc.property(pep440Version, (v) => {
        const normalized = normalizePep440(v);
        expect(normalized).toBeDefined();
        expect(comparePep440(v, normalized ?? "")).toBe(0);
        expect(normalizePep440(normalized ?? "")).toBe(normalized);
      }),
      { numRuns: 1000 },
    );
  });

  const python = spawnSync("python3", ["-c", "from pip._vendor.packaging.version import Version"], { encoding: "utf8" });
  if (python.status !== 0 && process.env.GATEHOUSE_REQUIRE_CLIENTS === "1") {
    throw new Error(`python3 with pip is required (GATEHOUSE_REQUIRE_CLIENTS=1) to compare with packaging.version: ${python.stderr || python.error?.message}`);
  }
  it.skipIf(python.status !== 0)("agrees with pip's packaging.version on generated versions", () => {
    const versions = fc.sample(pep440Version, { numRuns: 400, seed: 440 });
    const script = [
      "import json, sys",
      "from pip._vendor.packaging.version import Version",
      "vs = json.load(sys.stdin)",
      "print(json.dumps([str(Version(v)) for v in vs]))",
      "print(json.dumps([(Version(a) > Version(b)) - (Version(a) < Version(b)) for a, b in zip(vs, vs[1:] + vs[:1])]))",
    ].join("\n");
    const run = spawnSync("python3", ["-c", script], { input: JSON.stringify(versions), encoding: "utf8" });
    expect(run.status, run.stderr).toBe(0);
    const [normalizedLine = "", compareLine = ""] = run.stdout.trim().split("\n");
    expect(versions.map((v) => normalizePep440(v))).toEqual(JSON.parse(normalizedLine));
    const rotated = [...versions.slice(1), ...versions.slice(0, 1)];
    expect(versions.map((v, i) => sign(comparePep440(v, rotated[i] ?? "")))).toEqual(JSON.parse(compareLine));
  });
});
