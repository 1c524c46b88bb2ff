import { createHash } from "node:crypto";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { generateToken } from "./token-format.js";
import { displayToken, hashToken, newTokenGuid } from "./token-identity.js";

describe("hashToken", () => {
  it("is the lowercase hex SHA-256 of the token", () => {
    expect(hashToken("abc")).toBe("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
  });

  it("is stable and matches node:crypto for any token (property)", () => {
    fc.assert(
      fc.property(fc.string(), (s) => {
        const h = hashToken(s);
        return h === hashToken(s) && /^[0-9a-f]{64}$/.test(h) && h === createHash("sha256").update(s).digest("hex");
      }),
    );
  });

  it("gives different hashes to different generated tokens", () => {
    expect(hashToken(generateToken())).not.toBe(hashToken(generateToken()));
  });
});

describe("displayToken", () => {
  it("shows prefix, 4 first random chars, ellipsis and the 4 last chars", () => {
    const token = `gth-AbC1${"q".repeat(38)}x9Zq`;
    expect(displayToken(token)).toBe("gth-AbC1…x9Zq");
  });

  it("never shows more than 8 characters of a short or odd string", () => {
    expect(displayToken("gth-abcdefgh")).toBe("gth-abcd…");
    expect(displayToken("secret")).toBe("gth-secr…");
  });
});

describe("newTokenGuid", () => {
  it("returns distinct RFC 4122 v4 GUIDs", () => {
    const a = newTokenGuid();
    expect(a).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    expect(newTokenGuid()).not.toBe(a);
  });
});
