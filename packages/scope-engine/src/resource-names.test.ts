import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { isValidResourceName, parseResource, parseResourceList } from "./resource-names.js";

describe("isValidResourceName", () => {
  it.each(["a", "0", "team-py", "bio.c_3", "a".repeat(64)])("accepts %j", (name) => {
    expect(isValidResourceName(name)).toBe(true);
  });

  it.each([
    "",
    "*",
    "-a",
    ".a",
    "_a",
    "A",
    "Team",
    "a b",
    "a/b",
    "a:b",
    "é",
    "a".repeat(65),
    "__api__",
    "__admin__",
    "t",
    "healthz",
    "metrics",
    "label",
    "simple",
    "files",
    "legacy",
    "src",
  ])("refuses %j", (name) => {
    expect(isValidResourceName(name)).toBe(false);
  });
});

describe("parseResourceList", () => {
  it.each([
    ["*", "*"],
    [" * ", "*"],
    ["", []],
    ["a", ["a"]],
    ["a, b", ["a", "b"]],
    ["a,b,a", ["a", "b"]],
    ["a,,b,", ["a", "b"]],
  ] as const)("parses %j", (text, expected) => {
    expect(parseResourceList(text)).toEqual({ ok: true, value: expected });
  });

  it.each([
    ["a,*", /cannot be mixed/],
    ["a,B", /"B" is not a valid name/],
    ["simple", /reserved/],
  ])("refuses %j", (text, message) => {
    const result = parseResourceList(text);
    expect(result.ok).toBe(false);
    if (!result.ok) {
      expect(result.error.code).toBe("RESOURCE_NAME_INVALID");
      expect(result.error.message).toMatch(message);
    }
  });

  it("round-trips any list of valid names (property)", () => {
    const nameArb = fc.stringMatching(/^[a-z0-9][a-z0-9._-]{0,10}$/).filter(isValidResourceName);
    fc.assert(
      fc.property(fc.uniqueArray(nameArb, { minLength: 1, maxLength: 6 }), (names) => {
        const parsed = parseResourceList(names.join(","));
        return parsed.ok && JSON.stringify(parsed.value) === JSON.stringify(names);
      }),
    );
  });
});

describe("parseResource", () => {
  it.each([
    ["", {}],
    ["global", {}],
    ["repo:team-py", { repo: "team-py" }],
    ["repo:team-py:python", { repo: "team-py", repoType: "python" }],
    ["source:uploads", { source: "uploads" }],
    ["source:uploads:conda", { source: "uploads", sourceKind: "conda" }],
  ])("parses %j", (text, expected) => {
    expect(parseResource(text)).toEqual({ ok: true, value: expected });
  });

  it.each([
    ["repo", /not understood/],
    ["pkg:x", /not understood/],
    ["repo:a:python:extra", /not understood/],
    ["repo:Bad", /not a valid name/],
    ["repo:a:npm", /not a repo type.*python, r, bioconductor, conda/],
    ["source:a:", /not a source type/],
  ])("refuses %j", (text, message) => {
    const result = parseResource(text);
    expect(result.ok).toBe(false);
    if (!result.ok) {
      expect(result.error.code).toBe("RESOURCE_NAME_INVALID");
      expect(result.error.message).toMatch(message);
    }
  });
});
