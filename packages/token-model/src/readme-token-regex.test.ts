import { readFileSync } from "node:fs";
import { join } from "node:path";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { BASE62_ALPHABET } from "./base62.js";
import { parseToken } from "./parse-token.js";
import { TOKEN_LENGTH, TOKEN_PREFIX, computeChecksum, generateToken } from "./token-format.js";

// The README tells secret scanners which strings are tokens; a regex that misses real tokens lets
// leaks go unreported, one wider than the format floods the revoke endpoint with noise.
const readme = readFileSync(join(import.meta.dirname, "..", "..", "..", "README.md"), "utf8");
const documented = /matches the regular expression `([^`]+)`/.exec(readme)?.[1];

describe("the token regular expression the README documents for secret scanners", () => {
  it("is in the README", () => {
    expect(documented).toBeDefined();
  });
  const whole = new RegExp(`^(?:${documented ?? "(?!)"})$`);
  const found = new RegExp(documented ?? "(?!)", "g");

  it("matches every generated token, whole and inside surrounding text", () => {
    for (let i = 0; i < 2000; i++) {
      const token = generateToken();
      expect(whole.test(token)).toBe(true);
      expect(`export TOKEN="${token}";`.match(found)).toEqual([token]);
      expect(`https://h/t/${token}/conda/`.match(found)).toEqual([token]);
    }
  });

  it("agrees with the parser: whatever parseToken accepts it matches, and what it refuses by shape the parser refuses", () => {
    const base62 = fc.constantFrom(...BASE62_ALPHABET.split(""));
    const wellShaped = fc.array(base62, { minLength: 40, maxLength: 40 }).map((cs) => {
      const random = cs.join("");
      return TOKEN_PREFIX + random + computeChecksum(random);
    });
    fc.assert(
      fc.property(wellShaped, (token) => {
        expect(parseToken(token).ok).toBe(true);
        expect(whole.test(token)).toBe(true);
      }),
      { numRuns: 2000 },
    );
    // Any string at all (token-like ones often): the parser never accepts what the regex refuses,
    // and the regex accepts exactly the strings of the token's prefix, length and alphabet.
    const anyText = fc.oneof(fc.string({ maxLength: 60 }), fc.string({ maxLength: 60 }).map((s) => TOKEN_PREFIX + s), fc.array(base62, { minLength: 45, maxLength: 47 }).map((cs) => TOKEN_PREFIX + cs.join("")));
    fc.assert(
      fc.property(anyText, (text) => {
        const shaped = text.length === TOKEN_LENGTH && text.startsWith(TOKEN_PREFIX) && [...text.slice(4)].every((c) => BASE62_ALPHABET.includes(c));
        expect(whole.test(text)).toBe(shaped);
        if (!whole.test(text)) expect(parseToken(text).ok).toBe(false);
      }),
      { numRuns: 5000 },
    );
  });
});
