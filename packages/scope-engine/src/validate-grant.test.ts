import fc from "fast-check";
import { describe, expect, it } from "vitest";
import type { ScopeErrorCode } from "./scope-error.js";
import { parseScopeList, validateNewGrant } from "./validate-grant.js";
import type { ResourceList } from "./vocabulary.js";

type Input = { scopes: string[]; repos?: ResourceList; sources?: ResourceList };

describe("parseScopeList", () => {
  it.each([
    ["repos conda:download", ["repos", "conda:download"]],
    ["repos,conda:download", ["repos", "conda:download"]],
    [" repos ,  conda:download\tpypi ", ["repos", "conda:download", "pypi"]],
    ["", []],
  ])("splits %j", (text, expected) => {
    expect(parseScopeList(text)).toEqual(expected);
  });

  it("round-trips any joined list (property)", () => {
    const word = fc.stringMatching(/^[a-z:-]{1,12}$/);
    const sep = fc.constantFrom(" ", ",", ", ", "  ,");
    fc.assert(
      fc.property(fc.array(word, { maxLength: 6 }), sep, (words, s) => {
        return JSON.stringify(parseScopeList(words.join(s))) === JSON.stringify(words);
      }),
    );
  });
});

describe("validateNewGrant", () => {
  it.each<[string, Input, { scopes: string[]; repos: ResourceList; sources: ResourceList }]>([
    ["Posit lists default to []", { scopes: ["blocklist:admin"] }, { scopes: ["blocklist:admin"], repos: [], sources: [] }],
    [
      "Anaconda lists default to '*'",
      { scopes: ["repos", "conda:download"] },
      { scopes: ["repos", "conda:download"], repos: "*", sources: "*" },
    ],
    ["repos:read with repos", { scopes: ["repos:read"], repos: ["a"] }, { scopes: ["repos:read"], repos: ["a"], sources: [] }],
    [
      "sources:write with '*'",
      { scopes: ["sources:write"], sources: "*" },
      { scopes: ["sources:write"], repos: [], sources: "*" },
    ],
    ["duplicates dropped", { scopes: ["pypi", " pypi", ""] }, { scopes: ["pypi"], repos: "*", sources: "*" }],
  ])("accepts: %s", (_label, input, expected) => {
    expect(validateNewGrant(input)).toEqual({ ok: true, value: expected });
  });

  it.each<[Input, ScopeErrorCode, string, RegExp]>([
    [{ scopes: [] }, "SCOPE_EMPTY", "scope", /at least one scope/],
    [{ scopes: ["repo:read"] }, "SCOPE_UNKNOWN", "scope", /Unknown scope "repo:read". Did you mean "repos:read"\?.*conda:download/],
    [{ scopes: ["metadata:read"] }, "SCOPE_DEPRECATED", "scope", /deprecated.*"repos:read"/],
    [{ scopes: ["repos:read"] }, "SCOPE_NEEDS_REPOS", "repos", /--repos/],
    [{ scopes: ["repos:read"], repos: [] }, "SCOPE_NEEDS_REPOS", "repos", /--repos/],
    [{ scopes: ["sources:write"], repos: "*" }, "SCOPE_NEEDS_SOURCES", "sources", /--sources/],
    [{ scopes: ["repos:read", "conda"], repos: ["a"] }, "SCOPE_MIXED_STYLES", "scope", /cannot be mixed/],
    [{ scopes: ["repos:read"], repos: ["Bad"] }, "RESOURCE_NAME_INVALID", "repos", /"Bad"/],
    [{ scopes: ["sources:write"], sources: ["simple"] }, "RESOURCE_NAME_INVALID", "sources", /reserved/],
  ])("refuses %j with %s", (input, code, flag, message) => {
    const result = validateNewGrant(input);
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.error.code).toBe(code);
    expect(result.error.flag).toBe(flag);
    expect(result.error.message).toMatch(message);
  });

  it("does not offer the deprecated scope among accepted scopes", () => {
    const result = validateNewGrant({ scopes: ["nope"] });
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.error.message).not.toMatch(/metadata:read/);
  });
});
