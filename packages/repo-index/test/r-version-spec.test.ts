import { spawnSync } from "node:child_process";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { parseVersionSpec } from "../src/index.js";

function matcher(text: string): (version: string) => boolean {
  const spec = parseVersionSpec("r", text);
  if (!spec.ok) throw new Error(spec.error.message);
  return (v) => spec.value.matches(v);
}

const rVersion = fc
  .tuple(fc.array(fc.nat(12), { minLength: 2, maxLength: 4 }), fc.array(fc.constantFrom(".", "-"), { minLength: 3, maxLength: 3 }))
  .map(([nums, seps]) => nums.map((n, i) => (i === 0 ? String(n) : `${seps[i - 1] ?? "."}${n}`)).join(""));

describe("R version requirements", () => {
  it.each([
    ["(>= 1.2)", ["1.2", "1.2.0", "1.10-2", "2.0"], ["1.1", "1.1.9", "0.9-1"]],
    [">= 1.2", ["1.2"], ["1.1"]],
    [">=1.2", ["1.3"], ["1.1"]],
    ["(>= 1.2, < 2.0)", ["1.5-3", "1.99"], ["2.0", "2.0-1", "1.1"]],
    ["(>= 1.2), (!= 1.5-1)", ["1.5-2", "1.5.0"], ["1.5-1", "1.5.1"]],
    ["== 1.0", ["1.0", "1-0"], ["1.0.0", "1.0-1"]],
    ["> 1.9", ["1.10", "1.9.1"], ["1.9", "1.8"]],
    ["<= 1.9.3", ["1.9.3", "1.9"], ["1.10-2"]],
    ["< 1.0", ["0.99"], ["1.0", "1.0.0", "not a version", ""]],
  ])("%s", (text, yes, no) => {
    const matches = matcher(text);
    for (const v of yes) expect(matches(v), `${text} should match ${v}`).toBe(true);
    for (const v of no) expect(matches(v), `${text} should not match ${v}`).toBe(false);
  });

  it.each([
    ["1.2", "does not start with an operator", '"== 1.2"'],
    ["(>= 1.2", "do not pair up"],
    [">= 1.2)", "do not pair up"],
    ["(>= 1.2)(< 2)", "do not pair up"],
    [">=", "needs a version"],
    [">= 1", "at least two numbers"],
    ["~= 1.2", "does not start with an operator"],
    ["= 1.2", "does not start with an operator"],
    [">= 1.2,", "empty"],
    [">= 1.2 3", "does not start with an operator"],
  ])("refuses %j with a message saying why", (text, why, hint = "") => {
    const spec = parseVersionSpec("r", text);
    expect(spec.ok).toBe(false);
    if (spec.ok) return;
    expect(spec.error).toMatchObject({ code: "VERSION_SPEC_INVALID" });
    expect(spec.error.message).toContain(why);
    expect(spec.error.message).toContain(hint);
  });

  it("obeys the laws: >= v, <= v, == v match v; != v, < v, > v never do; A, B is A and B", () => {
    fc.assert(
      fc.property(rVersion, rVersion, rVersion, (v, a, b) => {
        expect(matcher(`>= ${v}`)(v)).toBe(true);
        expect(matcher(`(<= ${v})`)(v)).toBe(true);
        expect(matcher(`== ${v}`)(v)).toBe(true);
        expect(matcher(`!= ${v}`)(v)).toBe(false);
        expect(matcher(`< ${v}`)(v)).toBe(false);
        expect(matcher(`> ${v}`)(v)).toBe(false);
        expect(matcher(`>= ${a}, < ${b}`)(v)).toBe(matcher(`>= ${a}`)(v) && matcher(`< ${b}`)(v));
      }),
      { numRuns: 300 },
    );
  });

  const r = spawnSync("Rscript", ["--version"], { encoding: "utf8" });
  if (r.status !== 0 && process.env.GATEHOUSE_REQUIRE_CLIENTS === "1") throw new Error("Rscript is required (GATEHOUSE_REQUIRE_CLIENTS=1) to compare with package_version but was not found");
  it.skipIf(r.status !== 0)("agrees with R's package_version comparisons on generated cases", () => {
    const cases = fc.sample(fc.tuple(fc.constantFrom(">=", ">", "<=", "<", "==", "!="), rVersion, rVersion), { numRuns: 300, seed: 1234 });
    const lines = cases.map(([op, bound, v]) => `cat(package_version("${v}") ${op} package_version("${bound}"), "\\n")`);
    // Through stdin: Rscript truncates long -e expressions.
    const run = spawnSync("Rscript", ["--vanilla", "-e", "source(file('stdin'))"], { input: lines.join("\n"), encoding: "utf8" });
    expect(run.status, run.stderr).toBe(0);
    const expected = run.stdout.trim().split(/\s+/).map((t) => t === "TRUE");
    expect(expected).toHaveLength(cases.length);
    const mismatches = cases.filter(([op, bound, v], i) => matcher(`${op} ${bound}`)(v) !== expected[i]);
    expect(mismatches).toEqual([]);
  });
});
