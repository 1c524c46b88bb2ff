import { describe, expect, it } from "vitest";
import { SCOPE_TABLE } from "./scope-table.js";
import { expandScopes, impliedBy, isKnownScope, SCOPES, scopeStyle } from "./scopes.js";
import { subjectOf } from "./vocabulary.js";

describe("SCOPE_TABLE", () => {
  it("names each scope once", () => {
    const names = SCOPE_TABLE.map((s) => s.name);
    expect(new Set(names).size).toBe(names.length);
  });

  it("only implies known scopes of the same style", () => {
    for (const scope of SCOPE_TABLE) {
      for (const implied of scope.implies) {
        expect(isKnownScope(implied), `${scope.name} ⇒ ${implied}`).toBe(true);
        expect(scopeStyle([implied])).toBe(scope.style);
      }
    }
  });

  it("limits only repo and source actions by list or type", () => {
    for (const scope of SCOPE_TABLE) {
      if (scope.gives === "everything") continue;
      for (const gift of scope.gives) {
        if (gift.on !== "any") expect(subjectOf(gift.action), `${scope.name} → ${gift.action}`).not.toBeNull();
      }
    }
  });

  it("deprecates only metadata:read", () => {
    expect(SCOPES.filter((s) => s.deprecated).map((s) => s.name)).toEqual(["metadata:read"]);
  });

  it("publishes a summary for every scope", () => {
    expect(SCOPES.map((s) => s.name)).toEqual(SCOPE_TABLE.map((s) => s.name));
    for (const s of SCOPES) expect(s.summary.length).toBeGreaterThan(10);
  });
});

describe("implication", () => {
  it.each([
    ["api", ["api", "api:read", "api:write", "api:modify-group"]],
    ["api:write", ["api:write", "api:read"]],
    ["blocklist:admin", ["blocklist:admin", "blocklist:read"]],
    ["metadata:admin", ["metadata:admin", "metadata:read"]],
    ["conda", ["conda", "conda:download"]],
    ["pypi", ["pypi", "pypi:download", "pypi:upload"]],
    ["repos", ["repos"]],
    ["unknown", ["unknown"]],
  ])("%s implies %j", (scope, expected) => {
    expect([...impliedBy(scope)].sort()).toEqual([...expected].sort());
    expect(impliedBy(scope)[0]).toBe(scope);
  });

  it("expands a list without duplicates", () => {
    expect(expandScopes(["api:write", "api"]).sort()).toEqual(["api", "api:modify-group", "api:read", "api:write"]);
  });
});

describe("scopeStyle", () => {
  it.each([
    [[], "empty"],
    [["nope"], "empty"],
    [["global:admin"], "posit"],
    [["repos:read", "sources:write", "nope"], "posit"],
    [["conda", "pypi:upload"], "anaconda"],
    [["repos", "repos:read"], "mixed"],
  ] as const)("%j is %s", (scopes, style) => {
    expect(scopeStyle(scopes)).toBe(style);
  });
});
