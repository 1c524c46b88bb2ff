import fc from "fast-check";

const sep = fc.constantFrom("", ".", "-", "_");
const num = fc.oneof(fc.integer({ min: 0, max: 12 }).map(String), fc.constantFrom("00", "007", "99999999999999999999"));
const maybe = <T>(arb: fc.Arbitrary<T>): fc.Arbitrary<T | ""> => fc.oneof(fc.constant(""), arb);

/** Valid PEP 440 versions in many alternate spellings (case, separators, implicit numbers, leading v). */
export const pep440Version: fc.Arbitrary<string> = fc
  .record({
    v: fc.constantFrom("", "v", "V"),
    epoch: maybe(num.map((n) => `${n}!`)),
    release: fc.array(num, { minLength: 1, maxLength: 4 }).map((r) => r.join(".")),
    pre: maybe(
      fc
        .tuple(sep, fc.constantFrom("a", "alpha", "b", "beta", "c", "rc", "pre", "preview", "RC"), sep, maybe(num))
        .map(([s1, l, s2, n]) => (n === "" ? `${s1}${l}` : `${s1}${l}${s2}${n}`)),
    ),
    post: maybe(
      fc.oneof(
        num.map((n) => `-${n}`),
        fc
          .tuple(sep, fc.constantFrom("post", "rev", "r", "POST"), sep, maybe(num))
          .map(([s1, l, s2, n]) => (n === "" ? `${s1}${l}` : `${s1}${l}${s2}${n}`)),
      ),
    ),
    dev: maybe(fc.tuple(sep, fc.constantFrom("dev", "DEV"), maybe(num)).map(([s, l, n]) => `${s}${l}${n}`)),
    local: maybe(
      fc
        .array(fc.oneof(num, fc.constantFrom("abc", "ubuntu", "cu118", "Z")), { minLength: 1, maxLength: 3 })
        .map((segs) => `+${segs.join(".")}`),
    ),
  })
  .map((p) => `${p.v}${p.epoch}${p.release}${p.pre}${p.post}${p.dev}${p.local}`);

/** Valid versions mixed with arbitrary (mostly invalid) strings. */
export const anyVersion: fc.Arbitrary<string> = fc.oneof(pep440Version, fc.string({ maxLength: 8 }));
