import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { parseVersionSpec } from "../src/index.js";

function matcher(text: string): (version: string) => boolean {
  const spec = parseVersionSpec("conda", text);
  if (!spec.ok) throw new Error(spec.error.message);
  return (v) => spec.value.matches(v);
}

const condaVersion = fc
  .tuple(
    fc.array(fc.nat(12), { minLength: 1, maxLength: 4 }),
    fc.constantFrom("", "a1", "rc2", "dev", ".post1", "_1"),
    fc.constantFrom("", "+cuda", "+1"),
  )
  .map(([nums, suffix, local]) => `${nums.join(".")}${suffix}${local}`);

describe("conda match-spec versions", () => {
  it.each([
    [">=1.2,<2", ["1.2", "1.2.0", "1.9.9", "1.10"], ["1.1", "2", "2.0", "2.0.1"]],
    [">= 1.2, < 2", ["1.5"], ["2.1"]],
    ["1.2.*", ["1.2", "1.2.0", "1.2.7", "1.2rc1"], ["1.20", "1.3", "1", "1.1.9"]],
    ["1.2*", ["1.2", "1.2.7"], ["1.20", "1.3"]],
    ["=1.2", ["1.2", "1.2.0", "1.2.7"], ["1.20", "1.3"]],
    ["=1.2.*", ["1.2.7"], ["1.3"]],
    ["==1.2", ["1.2", "1.2.0", "1.2.0.0"], ["1.2.1", "1.20", "1.2rc1"]],
    ["1.2", ["1.2", "1.2.0"], ["1.2.1"]],
    ["==1.2.*", ["1.2.5"], ["1.3"]],
    ["!=1.2", ["1.2.1", "1.3"], ["1.2", "1.2.0"]],
    ["!=1.2.*", ["1.3", "1.20"], ["1.2", "1.2.7"]],
    ["~=1.2.3", ["1.2.3", "1.2.9"], ["1.2.2", "1.3.0"]],
    ["1.2|1.4", ["1.2", "1.4"], ["1.3"]],
    ["1.2,1.4|>=3", ["3.1"], ["1.2", "1.4", "2"]],
    [">=1,<2|>=3,<4", ["1.5", "3.5"], ["2.5", "4"]],
    ["(1.2|1.4),>=1.3", ["1.4"], ["1.2", "1.3"]],
    ["1.*.3", ["1.2.3", "1.9.3"], ["1.2.4"]],
    ["*", ["1.0", "0.0.1rc1"], ["not a version"]],
    [">=1.0a1", ["1.0", "1.0b1", "1.0a1"], ["1.0dev", "0.9"]],
    // conda orders a string local part before none (1.0+cuda < 1.0) and a number after it.
    ["<1.0", ["1.0rc1", "1.0dev", "0.9", "1.0+cuda"], ["1.0", "1.0.post1", "1.0+1"]],
    [">1.0", ["1.0.post1", "1.0+1", "1.0.1"], ["1.0", "1.0rc1", "1.0+cuda"]],
    ["1.0+cuda", ["1.0+cuda"], ["1.0", "1.0+cpu"]],
    ["=1.0+cuda", ["1.0+cuda", "1.0+cuda.1"], ["1.0", "1.1+cuda", "1.0+cu"]],
    [">=2023.1", ["2023.10", "2024.1"], ["2022.12"]],
    ["1.0.1_", ["1.0.1_"], ["1.0.1a"]],
  ])("%s", (text, yes, no) => {
    const matches = matcher(text);
    for (const v of yes) expect(matches(v), `${text} should match ${v}`).toBe(true);
    for (const v of no) expect(matches(v), `${text} should not match ${v}`).toBe(false);
  });

  it.each([
    [">=1.2,", "ends where a version was expected"],
    ["|1.2", 'missing before "|"'],
    ["(1.2|1.4", "never closed"],
    ["1.2)", "without a matching '('"],
    ["=>1.2", "unknown operator"],
    [">=", "needs a version"],
    ["~=1", "at least two components"],
    ["~=1.2.*", "cannot be combined with '*'"],
    [">=1.*.2", "may only end a version"],
    ["1.2 3", "Invalid conda version"],
    ["1.*[a]", "may only hold"],
    ["1..2", "a component is empty"],
  ])("refuses %j with a message saying why", (text, why) => {
    const spec = parseVersionSpec("conda", text);
    expect(spec.ok).toBe(false);
    if (spec.ok) return;
    expect(spec.error.code).toBe("VERSION_SPEC_INVALID");
    expect(spec.error.message).toContain(why);
    expect(spec.error.message).toContain("conda match-spec");
  });

  it("obeys the laws: >=v, ==v, v, v.* and =v match v; !=v never does; ',' is and, '|' is or", () => {
    fc.assert(
      fc.property(condaVersion, condaVersion, condaVersion, (v, a, b) => {
        expect(matcher(`>=${v}`)(v)).toBe(true);
        expect(matcher(`<=${v}`)(v)).toBe(true);
        expect(matcher(`==${v}`)(v)).toBe(true);
        expect(matcher(v)(v)).toBe(true);
        expect(matcher(`=${v}`)(v)).toBe(true);
        expect(matcher(`!=${v}`)(v)).toBe(false);
        expect(matcher(`<${v}`)(v)).toBe(false);
        expect(matcher(`>${v}`)(v)).toBe(false);
        if (!v.includes("+")) expect(matcher(`${v}.*`)(v)).toBe(true);
        expect(matcher(`>=${a},<${b}`)(v)).toBe(matcher(`>=${a}`)(v) && matcher(`<${b}`)(v));
        expect(matcher(`>=${a}|<${b}`)(v)).toBe(matcher(`>=${a}`)(v) || matcher(`<${b}`)(v));
        expect(matcher(`${a}|>=${a},<${b}`)(v)).toBe(matcher(a)(v) || (matcher(`>=${a}`)(v) && matcher(`<${b}`)(v)));
      }),
      { numRuns: 300 },
    );
  });
});
