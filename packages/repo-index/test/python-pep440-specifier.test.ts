import { spawnSync } from "node:child_process";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { parseVersionSpec } from "../src/index.js";
import { pep440Version } from "./python-pep440-arbitraries.js";

function matcher(text: string): (version: string) => boolean {
  const spec = parseVersionSpec("python", text);
  if (!spec.ok) throw new Error(spec.error.message);
  return (v) => spec.value.matches(v);
}

describe("PEP 440 specifiers", () => {
  it.each([
    // spec, matching versions, non-matching versions
    [">=1.2,<2", ["1.2", "1.2.0", "1.5", "1.9.9", "1.5rc1", "1.2.post1", "1.9+local"], ["1.1", "2.0", "2.0rc1", "2.0.dev0", "1.2rc1"]],
    [">= 1.2 , < 2", ["1.2", "1.99"], ["2"]],
    ["==1.4.*", ["1.4", "1.4.0", "1.4.5", "1.4rc1", "1.4.dev0", "1.4.post2", "1.4.5+abc"], ["1.40", "1.5", "1.3.9", "1!1.4"]],
    ["==1.4.0.*", ["1.4", "1.4.0.1"], ["1.4.1"]],
    ["!=1.3", ["1.2", "1.3.1", "1.3rc1", "1.3.post1"], ["1.3", "1.3.0", "1.3+abc"]],
    ["!=1.3.*", ["1.2", "1.4"], ["1.3", "1.3.7", "1.3a1"]],
    ["==1.0", ["1.0", "1.0.0", "v1.0", "1.0+abc"], ["1.0.1", "1.0rc1", "1.0.post1"]],
    ["==1.0+abc", ["1.0+abc", "1.0.0+ABC"], ["1.0", "1.0+abd"]],
    ["~=1.4.2", ["1.4.2", "1.4.9", "1.4.10.post1"], ["1.4.1", "1.5.0", "1.4.2rc1"]],
    ["~=1.4", ["1.4", "1.5", "1.99"], ["2.0", "1.3"]],
    ["~=2.2.post3", ["2.2.post3", "2.3"], ["2.2", "3.0"]],
    ["<2.0", ["1.9", "1.0rc1"], ["2.0", "2.0rc1", "2.0.dev0", "2.1"]],
    ["<2.0rc1", ["2.0b1", "2.0.dev0", "1.9"], ["2.0rc1", "2.0"]],
    [">1.7", ["1.7.1", "1.8", "2.0rc1"], ["1.7", "1.7.post1", "1.7+abc", "1.6"]],
    [">1.7.post2", ["1.7.post3", "1.7.1"], ["1.7.post2", "1.7.post1"]],
    ["<=1.7", ["1.7", "1.7+abc", "1.6"], ["1.7.post1", "1.8"]],
    ["===1.0-foo", ["1.0-foo", "1.0-FOO"], ["1.0", "1.0.post0"]],
    ["===1.0", ["1.0"], ["1.0.0", "v1.0"]],
    [">=1!1.0", ["1!1.0", "1!2.0.post1"], ["5.0", "1!0.9"]],
    [">=1.0", ["1.0", "99"], ["not-a-version", "", "0.9"]],
  ])("%s", (text, yes, no) => {
    const matches = matcher(text);
    for (const v of yes) expect(matches(v), `${text} should match ${v}`).toBe(true);
    for (const v of no) expect(matches(v), `${text} should not match ${v}`).toBe(false);
  });

  it.each([
    ["1.2", "does not start with an operator", "==1.2"],
    [">=", '">=" needs a version'],
    [">=1.2,", "empty"],
    [">=1.2,,<2", "empty"],
    ["=>1.2", "does not start with an operator"],
    ["<1.0+local", "local version"],
    ["~=1.0+local", "local version"],
    ["~=1", "at least two release numbers"],
    [">=1.*", "only allowed after == and !="],
    ["==1.0rc1.*", "plain release number"],
    ["==1.*.2", "not a PEP 440 version"],
    [">=banana", "not a PEP 440 version"],
    ["=== a b", "contains spaces"],
  ])("refuses %j with a message saying why", (text, why, hint = "") => {
    const spec = parseVersionSpec("python", text);
    expect(spec.ok).toBe(false);
    if (spec.ok) return;
    expect(spec.error.code).toBe("VERSION_SPEC_INVALID");
    expect(spec.error.message).toContain(why);
    expect(spec.error.message).toContain("PEP 440");
    expect(spec.error.message).toContain(hint);
  });

  const publicVersion = pep440Version.filter((v) => !v.includes("+"));

  it("obeys the laws: >=v, <=v, ==v, ===v match v; !=v, <v, >v never do", () => {
    fc.assert(
      fc.property(publicVersion, (v) => {
        const t = v.trim();
        expect(matcher(`>=${t}`)(v)).toBe(true);
        expect(matcher(`<=${t}`)(v)).toBe(true);
        expect(matcher(`==${t}`)(v)).toBe(true);
        expect(matcher(`===${t}`)(v)).toBe(true);
        expect(matcher(`!=${t}`)(v)).toBe(false);
        expect(matcher(`<${t}`)(v)).toBe(false);
        expect(matcher(`>${t}`)(v)).toBe(false);
      }),
      { numRuns: 300 },
    );
  });

  it("A,B matches exactly what A and B both match", () => {
    const op = fc.constantFrom(">=", "<=", "<", ">", "==", "!=", "~=");
    const clause = fc.tuple(op, publicVersion).filter(([o, v]) => o !== "~=" || /^[^!]*\d+[.]\d+/.test(v)).map(([o, v]) => `${o}${v.trim()}`);
    fc.assert(
      fc.property(clause, clause, pep440Version, (a, b, v) => {
        const pa = parseVersionSpec("python", a);
        const pb = parseVersionSpec("python", b);
        fc.pre(pa.ok && pb.ok);
        expect(matcher(`${a},${b}`)(v)).toBe(matcher(a)(v) && matcher(b)(v));
      }),
      { numRuns: 300 },
    );
  });

  const python = spawnSync("python3", ["-c", "from pip._vendor.packaging.specifiers import SpecifierSet"], { encoding: "utf8" });
  if (python.status !== 0 && process.env.GATEHOUSE_REQUIRE_CLIENTS === "1") {
    throw new Error(`python3 with pip is required (GATEHOUSE_REQUIRE_CLIENTS=1) to compare with packaging.specifiers: ${python.stderr || python.error?.message}`);
  }
  it.skipIf(python.status !== 0)("agrees with pip's packaging.specifiers (prereleases included) on generated cases", () => {
    const op = fc.constantFrom(">=", "<=", "<", ">", "==", "!=", "~=");
    const cases = fc.sample(fc.tuple(op, pep440Version, pep440Version), { numRuns: 600, seed: 508 }).flatMap(([o, bound, candidate]) => {
      const text = `${o}${bound.trim()}`;
      return parseVersionSpec("python", text).ok ? [{ text, candidate }] : [];
    });
    const wildcards = fc.sample(fc.tuple(fc.constantFrom("==", "!="), fc.array(fc.nat(3), { minLength: 1, maxLength: 3 }), pep440Version), {
      numRuns: 200,
      seed: 509,
    });
    for (const [o, release, candidate] of wildcards) cases.push({ text: `${o}${release.join(".")}.*`, candidate });
    const script = [
      "import json, sys",
      "from pip._vendor.packaging.specifiers import SpecifierSet",
      "from pip._vendor.packaging.version import Version",
      "cases = json.load(sys.stdin)",
      "print(json.dumps([SpecifierSet(c['text']).contains(Version(c['candidate']), prereleases=True) for c in cases]))",
    ].join("\n");
    const run = spawnSync("python3", ["-c", script], { input: JSON.stringify(cases), encoding: "utf8" });
    expect(run.status, run.stderr).toBe(0);
    const expected = JSON.parse(run.stdout) as boolean[];
    expect(cases.length).toBeGreaterThan(300);
    const mismatches = cases.filter((c, i) => matcher(c.text)(c.candidate) !== expected[i]);
    expect(mismatches).toEqual([]);
  });
});
