import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { BASE62_ALPHABET } from "./base62.js";
import { isWellFormedToken, parseToken } from "./parse-token.js";
import { computeChecksum, generateToken, TOKEN_LENGTH, TOKEN_PREFIX } from "./token-format.js";

const random40 = `AbC1${"x".repeat(32)}9Zq0`;
const valid = TOKEN_PREFIX + random40 + computeChecksum(random40);

describe("generateToken", () => {
  it("has the documented shape", () => {
    const token = generateToken();
    expect(token).toHaveLength(TOKEN_LENGTH);
    expect(token).toMatch(/^gth-[0-9A-Za-z]{46}$/);
  });

  it("draws every base62 character with roughly equal frequency", () => {
    const counts = new Map<string, number>();
    for (let i = 0; i < 2000; i++) {
      for (const c of generateToken().slice(4, 44)) counts.set(c, (counts.get(c) ?? 0) + 1);
    }
    // 80 000 draws over 62 symbols: about 1290 each; a biased or truncated alphabet falls far outside.
    expect(counts.size).toBe(62);
    for (const n of counts.values()) expect(n).toBeGreaterThan(1000);
    for (const n of counts.values()) expect(n).toBeLessThan(1600);
  });

  it("always produces tokens that parse (property)", () => {
    fc.assert(
      fc.property(fc.integer(), () => parseToken(generateToken()).ok),
      { numRuns: 500 },
    );
  });
});

describe("parseToken", () => {
  it("splits a valid token into its parts", () => {
    expect(parseToken(valid)).toEqual({
      ok: true,
      value: { token: valid, random: random40, checksum: computeChecksum(random40) },
    });
  });

  it.each([
    ["empty string", "", "TOKEN_BAD_PREFIX", /prefix/],
    ["other vendor prefix", `ghp_${valid.slice(4)}`, "TOKEN_BAD_PREFIX", /prefix/],
    ["upper-case prefix", `GTH-${valid.slice(4)}`, "TOKEN_BAD_PREFIX", /prefix/],
    ["too short", valid.slice(0, 49), "TOKEN_BAD_LENGTH", /length.*50.*49/],
    ["too long", `${valid}A`, "TOKEN_BAD_LENGTH", /length.*50.*51/],
    ["dash in body", `${valid.slice(0, 10)}-${valid.slice(11)}`, "TOKEN_BAD_ALPHABET", /alphabet/],
    ["non-ASCII letter", `${valid.slice(0, 10)}é${valid.slice(11)}`, "TOKEN_BAD_ALPHABET", /alphabet/],
    ["swapped characters", `gth-bAC1${valid.slice(8)}`, "TOKEN_BAD_CHECKSUM", /checksum/],
    ["wrong checksum", `${valid.slice(0, 44)}000000`, "TOKEN_BAD_CHECKSUM", /checksum/],
  ])("refuses %s with %s", (_label, input, code, message) => {
    const result = parseToken(input);
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.error.code).toBe(code);
    expect(result.error.message).toMatch(message);
    if (input.length > 8) expect(result.error.message).not.toContain(input.slice(4));
  });

  it("rejects any single-character change of a valid token (property)", () => {
    const anyChar = fc.oneof(fc.constantFrom(...BASE62_ALPHABET, "-", "_", " "), fc.string({ minLength: 1, maxLength: 1 }));
    fc.assert(
      fc.property(fc.integer({ min: 0, max: TOKEN_LENGTH - 1 }), anyChar, (index, replacement) => {
        const token = generateToken();
        fc.pre(token[index] !== replacement);
        const changed = token.slice(0, index) + replacement + token.slice(index + 1);
        return !isWellFormedToken(changed) && !parseToken(changed).ok;
      }),
      { numRuns: 2000 },
    );
  });

  it("never echoes the token body in an error message (property)", () => {
    fc.assert(
      fc.property(fc.integer({ min: 4, max: TOKEN_LENGTH - 1 }), (index) => {
        const token = generateToken();
        const changed = `${token.slice(0, index)}${token[index] === "A" ? "B" : "A"}${token.slice(index + 1)}`;
        const result = parseToken(changed);
        return !result.ok && !result.error.message.includes(changed.slice(4, 20));
      }),
    );
  });
});
