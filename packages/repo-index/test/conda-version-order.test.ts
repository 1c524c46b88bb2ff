import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { compareCondaVersion, parseCondaVersion } from "../src/index.js";

// Ascending, as conda documents and tests VersionOrder; neighbours joined by "==" compare equal.
const DOCUMENTED_ORDER: readonly (string | readonly string[])[] = [
  ["0.4", "0.4.0"],
  "0.4.1a.vc11",
  ["0.4.1.rc", "0.4.1.RC"],
  "0.4.1.vc11",
  "0.4.1",
  "0.5*",
  "0.5a1",
  "0.5b3",
  "0.5C1",
  "0.5z",
  "0.5za",
  "0.5",
  ["0.5_5", "0.5-5"],
  "0.9.6",
  "0.960923",
  "1.0",
  "1.0.4a3",
  "1.0.4b1",
  "1.0.4",
  "1.1dev1",
  "1.1_",
  "1.1a1",
  ["1.1.0dev1", "1.1.dev1"],
  "1.1.a1",
  "1.1.0rc1",
  ["1.1.0", "1.1"],
  ["1.1.0post1", "1.1.post1"],
  "1.1.1dev1",
  "1.1.1rc1",
  "1.1.1",
  "1.1.1post1",
  "1.1post1",
  "2g6",
  "2.0b1pr0",
  "2.2be.ta29",
  "2.2be5ta29",
  "2.2beta29",
  "2.2.0.1",
  "3.1.1.6",
  "3.2.p.r0",
  "3.2.pr0",
  "3.2.pr.1",
  "5.5.kw",
  "11g",
  "14.3.1",
  "14.3.1.post26.g9d75ca2",
  "1996.07.12",
  "1!0.4.1",
  "1!3.1.1.6",
  "2!0.4.1",
];

// openssl's letter releases: "1.0.1_" sorts before "1.0.1a", everything lettered before "1.0.1".
const OPENSSL_ORDER = ["1.0.1dev", "1.0.1_", "1.0.1a", "1.0.1b", "1.0.1r", "1.0.1rc", "1.0.1rc1", "1.0.1s", "1.0.1", "1.0.1post.a", "1.0.1post.za", "1.0.2"];

// PEP 440-style versions, including local parts after "+", in conda's order.
const LOCAL_ORDER = [
  "1.0a1",
  "1.0a2.dev456",
  "1.0a12",
  "1.0b2.post345.dev456",
  "1.0b2.post345",
  "1.0rc2",
  "1.0.dev456",
  "1.0",
  "1.0.post456.dev34",
  "1.0.post456",
  "1.2.r32+123456",
  "1.2+abc",
  "1.2+abc123def",
  "1.2+abc123",
  "1.2+123abc",
  "1.2+1234.abc",
  "1.2+123456",
  "1!1.0a1",
];

function sign(n: number): number {
  return Math.sign(n) + 0;
}

function expectAscending(list: readonly (string | readonly string[])[]): void {
  const groups = list.map((item) => (typeof item === "string" ? [item] : item));
  groups.forEach((group, i) => {
    for (const a of group) {
      for (const b of group) expect(compareCondaVersion(a, b), `${a} == ${b}`).toBe(0);
      for (const later of groups.slice(i + 1).flat()) {
        expect(sign(compareCondaVersion(a, later)), `${a} < ${later}`).toBe(-1);
        expect(sign(compareCondaVersion(later, a)), `${later} > ${a}`).toBe(1);
      }
    }
  });
}

describe("compareCondaVersion", () => {
  it("follows conda's documented order", () => expectAscending(DOCUMENTED_ORDER));
  it("follows the openssl convention", () => expectAscending(OPENSSL_ORDER));
  it("orders local versions and PEP 440-like spellings", () => expectAscending(LOCAL_ORDER));

  it.each([
    ["0.4.1.rc", "  0.4.1.RC  "],
    ["0.4.a1", "0.4.0a1"],
    ["1.0+0", "1.0"],
    ["1.2.3", "0!1.2.3"],
    ["1.10", "1.010"],
  ])("treats %s and %s as equal", (a, b) => {
    expect(compareCondaVersion(a, b)).toBe(0);
  });

  it("compares numbers numerically, beyond 2^53 too", () => {
    expect(sign(compareCondaVersion("1.9", "1.10"))).toBe(-1);
    expect(sign(compareCondaVersion("9007199254740993", "9007199254740992"))).toBe(1);
  });

  it("sorts invalid versions first, by their text", () => {
    expect(["1.0", "b&", "a&", "0.1"].sort(compareCondaVersion)).toEqual(["a&", "b&", "0.1", "1.0"]);
  });
});

describe("parseCondaVersion", () => {
  it.each(["", "  ", "3.5&1", "5.5++", "5.5..mw", "!", "a!1.0", "a!b!1.0", "1.0+", "+1", "1.0-1_2", "1..0"])(
    "refuses %j",
    (raw) => {
      const parsed = parseCondaVersion(raw);
      expect(parsed.ok).toBe(false);
      if (!parsed.ok) expect(parsed.error.code).toBe("VERSION_INVALID");
    },
  );

  it("normalizes case, whitespace and dashes like conda", () => {
    const parsed = parseCondaVersion(" 1.0-RC1 ");
    expect(parsed.ok && parsed.value.normalized).toBe("1.0_rc1");
  });

  it("splits components into numbers and strings", () => {
    const parsed = parseCondaVersion("14.3.1.post26.g9d75ca2");
    expect(parsed.ok).toBe(true);
    if (!parsed.ok) return;
    expect(parsed.value.version.slice(0, 4)).toEqual([[0n], [14n], [3n], [1n]]);
    expect(parsed.value.version[5]).toEqual([0n, "g", 9n, "d", 75n, "ca", 2n]);
  });
});

const run = fc.stringMatching(/^([0-9]{1,3}|[a-z]{1,4}|dev|post|rc|\*)$/);
const component = fc.array(run, { minLength: 1, maxLength: 3 }).map((runs) => runs.join(""));
const version = fc
  .tuple(
    fc.option(fc.integer({ min: 0, max: 3 }), { nil: undefined }),
    fc.array(component, { minLength: 1, maxLength: 4 }),
    fc.option(fc.array(component, { minLength: 1, maxLength: 2 }), { nil: undefined }),
    fc.constantFrom(".", "_"),
  )
  .map(([epoch, parts, local, sep]) => `${epoch === undefined ? "" : `${epoch}!`}${parts.join(sep)}${local ? `+${local.join(".")}` : ""}`);

describe("compareCondaVersion laws", () => {
  it("parses every generated version", () => {
    fc.assert(fc.property(version, (v) => parseCondaVersion(v).ok));
  });

  it("is reflexive and antisymmetric", () => {
    fc.assert(
      fc.property(version, version, (a, b) => {
        expect(compareCondaVersion(a, a)).toBe(0);
        expect(sign(compareCondaVersion(a, b))).toBe(-sign(compareCondaVersion(b, a)));
      }),
    );
  });

  it("is transitive", () => {
    fc.assert(
      fc.property(version, version, version, (a, b, c) => {
        const [x, y, z] = [a, b, c].sort(compareCondaVersion) as [string, string, string];
        expect(compareCondaVersion(x, y)).toBeLessThanOrEqual(0);
        expect(compareCondaVersion(y, z)).toBeLessThanOrEqual(0);
        expect(compareCondaVersion(x, z)).toBeLessThanOrEqual(0);
        if (compareCondaVersion(x, y) === 0 && compareCondaVersion(y, z) === 0) expect(compareCondaVersion(x, z)).toBe(0);
      }),
      { numRuns: 500 },
    );
  });

  it("ignores trailing zero components", () => {
    fc.assert(fc.property(version.filter((v) => !v.includes("+")), (v) => compareCondaVersion(v, `${v}.0`) === 0));
  });
});
