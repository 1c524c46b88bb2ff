import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { holdsSecondPathToken, redactTokens, stripPathToken } from "./path-token.js";

const token = fc.stringMatching(/^gth-[A-Za-z0-9]{46}$/);
const segment = fc.stringMatching(/^[a-z0-9._-]{1,12}$/).filter((s) => s !== "t");

describe("stripPathToken", () => {
  it("keeps a malformed escape in the token segment as sent instead of throwing", () => {
    expect(stripPathToken("/t/%zz/pypi/simple/")).toEqual({ path: "/pypi/simple/", token: "%zz", redacted: "/t/<redacted>/pypi/simple/" });
  });

  it("takes the token out of the front of any path, whatever follows", () => {
    fc.assert(
      fc.property(token, fc.array(segment, { maxLength: 5 }), (tok, rest) => {
        const path = `/${rest.join("/")}`;
        const stripped = stripPathToken(`/t/${tok}${path}`);
        expect(stripped.token).toBe(tok);
        expect(stripped.path).toBe(path);
        expect(stripped.redacted).not.toContain(tok);
      }),
      { numRuns: 200 },
    );
  });

  it("takes a token out from deeper in the path (conda), and leaves the path's other segments", () => {
    fc.assert(
      fc.property(token, fc.array(segment, { minLength: 1, maxLength: 3 }), fc.array(segment, { maxLength: 3 }), (tok, before, after) => {
        const stripped = stripPathToken(`/${before.join("/")}/t/${tok}/${after.join("/")}`);
        expect(stripped.token).toBe(tok);
        expect(stripped.path).toBe(`/${before.join("/")}/${after.join("/")}`);
      }),
      { numRuns: 200 },
    );
  });

  it("sees a second token segment after the first is taken out, and redacts both", () => {
    fc.assert(
      fc.property(token, token, fc.array(segment, { maxLength: 3 }), fc.array(segment, { maxLength: 3 }), (a, b, mid, after) => {
        const inner = mid.length > 0 ? `/${mid.join("/")}` : "";
        const stripped = stripPathToken(`/t/${a}${inner}/t/${b}/${after.join("/")}`);
        expect(holdsSecondPathToken(stripped.path)).toBe(true);
        expect(stripped.redacted).not.toMatch(/gth-/);
      }),
      { numRuns: 200 },
    );
    // A project or folder named "t" is not a token segment.
    expect(holdsSecondPathToken(stripPathToken("/t/gth-a/pypi/simple/t/").path)).toBe(false);
  });

  it("never throws, and never leaves a token in the redacted path, on arbitrary input", () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 80 }), fc.option(token), (junk, tok) => {
        const path = tok ? `/t/${tok}/${junk}` : `/${junk}`;
        const stripped = stripPathToken(path);
        if (tok) expect(stripped.redacted).not.toContain(tok);
        expect(redactTokens(path)).not.toMatch(/gth-[A-Za-z0-9]{46}/);
      }),
      { numRuns: 300 },
    );
  });
});
