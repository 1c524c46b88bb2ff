import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { ApiError } from "../http/api-error.js";
import { extractCredential } from "./credentials.js";

const basic = (userPass: string) => `Basic ${Buffer.from(userPass).toString("base64")}`;

describe("extractCredential", () => {
  it.each([
    ["a token as the password", basic("__token__:gth-abc"), { token: "gth-abc", source: "basic" }],
    ["a token as the login with an empty password", basic("gth-abc:"), { token: "gth-abc", source: "basic" }],
    ["a Bearer token", "Bearer gth-abc", { token: "gth-abc", source: "bearer" }],
  ])("reads %s", (_, header, expected) => {
    expect(extractCredential(header, undefined)).toEqual(expected);
  });

  it("refuses two different tokens (header and path) with 400", () => {
    expect(() => extractCredential("Bearer a", "b")).toThrow(expect.objectContaining({ code: "CREDENTIALS_CONFLICT" }));
  });

  it("reads several Authorization headers (joined by ', ') as one token, and refuses different ones", () => {
    expect(extractCredential(`Bearer a, ${basic("__token__:a")}`, undefined)).toEqual({ token: "a", source: "bearer" });
    expect(() => extractCredential("Bearer a, Bearer b", undefined)).toThrow(expect.objectContaining({ code: "CREDENTIALS_CONFLICT" }));
    expect(() => extractCredential("Bearer a, Bearer a", "b")).toThrow(expect.objectContaining({ code: "CREDENTIALS_CONFLICT" }));
  });

  // Whatever a client sends as Authorization, the answer is a credential, none, or a 400 — never a crash.
  it("reads any header as a credential, nothing, or an ApiError", () => {
    const header = fc.oneof(
      fc.string({ maxLength: 60 }),
      fc.string({ maxLength: 40 }).map(basic),
      fc.uint8Array({ maxLength: 40 }).map((b) => `Basic ${Buffer.from(b).toString("base64")}`),
      fc.string({ maxLength: 40 }).map((s) => `Basic ${s}`),
      fc.string({ maxLength: 40 }).map((s) => `Bearer ${s}`),
    );
    fc.assert(
      fc.property(fc.option(header, { nil: undefined }), fc.option(fc.string({ maxLength: 20 }), { nil: undefined }), (h, pathToken) => {
        try {
          const credential = extractCredential(h, pathToken);
          if (credential) expect(credential.token.length).toBeGreaterThan(0);
        } catch (err) {
          expect(err).toBeInstanceOf(ApiError);
          expect((err as ApiError).code).toMatch(/^(BAD_REQUEST|CREDENTIALS_CONFLICT)$/);
        }
      }),
      { numRuns: 300 },
    );
  });

  it("round-trips any password as the token, whatever login comes with it", () => {
    const login = fc.string({ maxLength: 20 }).filter((s) => !s.includes(":"));
    fc.assert(
      fc.property(login, fc.string({ minLength: 1, maxLength: 60 }), (user, password) => {
        expect(extractCredential(basic(`${user}:${password}`), undefined)).toEqual({ token: password, source: "basic" });
      }),
      { numRuns: 200 },
    );
  });
});
