import { describe, expect, it } from "vitest";
import { authorize, isAllowed } from "./authorize.js";
import { compileGrant } from "./compile-grant.js";
import { SCOPE_TABLE } from "./scope-table.js";
import type { Action, Resource } from "./vocabulary.js";

// Every question asked of every scope, against a grant listing repo "a" and source "s".
const PROBES: Record<string, [Action, Resource?]> = {
  "tokens:manage": ["tokens:manage"],
  "tokens:own": ["tokens:own"],
  "repos:manage": ["repos:manage"],
  "blocklist:read": ["blocklist:read"],
  "blocklist:manage": ["blocklist:manage"],
  "metadata:manage": ["metadata:manage"],
  "groups:manage": ["groups:manage"],
  "api:read": ["api:read"],
  "metadata:read": ["metadata:read"],
  "metadata:read a": ["metadata:read", { repo: "a" }],
  "metadata:read z": ["metadata:read", { repo: "z" }],
  "repo:read a/python": ["repo:read", { repo: "a", repoType: "python" }],
  "repo:read z/python": ["repo:read", { repo: "z", repoType: "python" }],
  "repo:read z/conda": ["repo:read", { repo: "z", repoType: "conda" }],
  "repo:read z/r": ["repo:read", { repo: "z", repoType: "r" }],
  "source:write s/python": ["source:write", { source: "s", sourceKind: "python" }],
  "source:write x/python": ["source:write", { source: "x", sourceKind: "python" }],
  "source:write x/conda": ["source:write", { source: "x", sourceKind: "conda" }],
  "source:write x/r": ["source:write", { source: "x", sourceKind: "r" }],
};
const EVERYTHING = Object.keys(PROBES);
const API_READ = ["api:read", "blocklist:read", "metadata:read", "metadata:read a", "metadata:read z"];
const API_WRITE = [
  ...API_READ,
  "repos:manage",
  "metadata:manage",
  "tokens:own",
  "source:write s/python",
  "source:write x/python",
  "source:write x/conda",
  "source:write x/r",
];
const REPOS_READ_ALL = ["repo:read a/python", "repo:read z/python", "repo:read z/conda", "repo:read z/r"];

const EXPECTED: Record<string, readonly string[]> = {
  "global:admin": EVERYTHING,
  "sources:write": ["source:write s/python"],
  "repos:read": ["repo:read a/python", "metadata:read a"],
  "blocklist:admin": ["blocklist:read", "blocklist:manage"],
  "blocklist:read": ["blocklist:read"],
  "metadata:admin": ["metadata:manage", "metadata:read", "metadata:read a", "metadata:read z"],
  "metadata:read": ["metadata:read", "metadata:read a", "metadata:read z"],
  all: EVERYTHING,
  api: [...API_WRITE, "groups:manage"],
  "api:read": API_READ,
  "api:write": API_WRITE,
  "api:modify-group": ["groups:manage"],
  conda: ["repo:read z/conda", "source:write x/conda"],
  "conda:download": ["repo:read z/conda"],
  pypi: ["repo:read a/python", "repo:read z/python", "source:write s/python", "source:write x/python"],
  "pypi:download": ["repo:read a/python", "repo:read z/python"],
  "pypi:upload": ["source:write s/python", "source:write x/python"],
  repos: REPOS_READ_ALL,
};

describe("what each scope allows", () => {
  it("covers every scope in the table", () => {
    expect(Object.keys(EXPECTED).sort()).toEqual(SCOPE_TABLE.map((s) => s.name).sort());
  });

  it.each(Object.entries(EXPECTED))("%s", (scope, expected) => {
    const compiled = compileGrant({ scopes: [scope], repos: ["a"], sources: ["s"] });
    const allowed = Object.entries(PROBES)
      .filter(([, [action, resource]]) => isAllowed(compiled, action, resource))
      .map(([label]) => label);
    expect(allowed.sort()).toEqual([...new Set(expected)].sort());
  });

  it("denies everything to a grant without scopes or with only unknown scopes", () => {
    for (const scopes of [[], ["nope"]]) {
      const compiled = compileGrant({ scopes, repos: "*", sources: "*" });
      for (const [action, resource] of Object.values(PROBES)) expect(isAllowed(compiled, action, resource)).toBe(false);
    }
  });

  it("treats a '*' list as every repo, even when no repo is named", () => {
    const compiled = compileGrant({ scopes: ["repos:read"], repos: "*", sources: [] });
    expect(isAllowed(compiled, "metadata:read")).toBe(true);
    expect(isAllowed(compiled, "repo:read", { repo: "anything" })).toBe(true);
  });

  it("needs a type to match a type-limited scope", () => {
    const compiled = compileGrant({ scopes: ["conda"], repos: "*", sources: "*" });
    expect(isAllowed(compiled, "repo:read", { repo: "z" })).toBe(false);
    expect(isAllowed(compiled, "source:write", { source: "z", sourceKind: "conda" })).toBe(true);
    expect(isAllowed(compiled, "source:write", { source: "z", repoType: "conda" })).toBe(false);
  });
});

describe("explanations", () => {
  const positRead = compileGrant({ scopes: ["repos:read"], repos: ["a", "b"], sources: [] });
  const anaconda = compileGrant({ scopes: ["api", "conda"], repos: "*", sources: "*" });
  const admin = compileGrant({ scopes: ["global:admin"], repos: [], sources: [] });

  it.each([
    [
      "listed repo",
      positRead,
      "repo:read",
      { repo: "a" },
      "repos:read",
      `Allowed: scope "repos:read" grants "repo:read" on repo "a", which is in the token's repos list.`,
    ],
    [
      "implied scope",
      anaconda,
      "tokens:own",
      undefined,
      "api",
      `Allowed: scope "api" (through "api:write") grants "tokens:own".`,
    ],
    [
      "type-limited scope",
      anaconda,
      "repo:read",
      { repo: "z", repoType: "conda" },
      "conda",
      `Allowed: scope "conda" (through "conda:download") grants "repo:read" on every repo of type conda.`,
    ],
    [
      "admin",
      admin,
      "tokens:manage",
      undefined,
      "global:admin",
      `Allowed: scope "global:admin" grants every action on every resource.`,
    ],
    [
      "unlisted repo",
      positRead,
      "repo:read",
      { repo: "c", repoType: "r" },
      null,
      `Denied: "repo:read" on repo "c" (type r) is not allowed: this token's scopes (repos:read) do not grant it. Scope "repos:read" covers only the repos a, b; "c" is not listed. Scopes that would grant it: global:admin, repos:read (with the repo in its --repos list), all, repos.`,
    ],
    [
      "api:write covers every source",
      anaconda,
      "source:write",
      { source: "x", sourceKind: "r" },
      "api",
      `Allowed: scope "api" (through "api:write") grants "source:write" on every source.`,
    ],
    [
      "missing global scope",
      positRead,
      "tokens:own",
      undefined,
      null,
      `Denied: "tokens:own" is not allowed: this token's scopes (repos:read) do not grant it. Scopes that would grant it: global:admin, all, api, api:write.`,
    ],
    [
      "no repo named",
      positRead,
      "metadata:read",
      undefined,
      null,
      `Denied: "metadata:read" with no repo named is not allowed: this token's scopes (repos:read) do not grant it. Scope "repos:read" covers only the repos a, b; no repo was named. Scopes that would grant it: global:admin, repos:read (with --repos '*'), metadata:admin, all, api, api:read, api:write.`,
    ],
  ] as const)("%s", (_label, grant, action, resource, grantedBy, explanation) => {
    const decision = authorize(grant, action, resource);
    expect(decision).toEqual({ allowed: grantedBy !== null, action, resource: resource ?? {}, grantedBy, explanation });
  });

  it("names the type a type-limited scope is missing", () => {
    const decision = authorize(compileGrant({ scopes: ["pypi"], repos: "*", sources: "*" }), "repo:read", {
      repo: "z",
      repoType: "conda",
    });
    expect(decision.explanation).toContain(`Scope "pypi" covers only repos of type python.`);
    expect(decision.explanation).toContain("conda:download");
  });

  it("keeps each resource's own name and type across repeated (cached) denials", () => {
    const compiled = compileGrant({ scopes: ["repos:read"], repos: ["a"], sources: [] });
    const first = authorize(compiled, "repo:read", { repo: "c", repoType: "r" }).explanation;
    const second = authorize(compiled, "repo:read", { repo: "d", repoType: "conda" }).explanation;
    const unnamed = authorize(compiled, "repo:read", {}).explanation;
    expect(first).toContain(`on repo "c" (type r)`);
    expect(first).toContain(`"c" is not listed`);
    expect(second).toContain(`on repo "d" (type conda)`);
    expect(second).toContain(`"d" is not listed`);
    expect(second).not.toContain(`"c"`);
    expect(unnamed).toContain("no repo was named");
    expect(authorize(compiled, "repo:read", { repo: "c", repoType: "r" }).explanation).toBe(first);
  });

  it("explains an action outside the vocabulary without poisoning the cache", () => {
    const compiled = compileGrant({ scopes: ["repos:read"], repos: ["a"], sources: [] });
    const odd = authorize(compiled, "made:up" as Action).explanation;
    expect(odd).toMatch(/^Denied: "made:up" is not allowed: /);
    expect(odd).toContain("No scope grants it.");
    expect(authorize(compiled, "tokens:manage").explanation).toContain("Scopes that would grant it: global:admin, all.");
  });

  it("reports an unexpected type from an untyped caller as given", () => {
    const compiled = compileGrant({ scopes: ["pypi"], repos: "*", sources: "*" });
    const resource = { repo: "x", repoType: "npm" } as unknown as Resource;
    expect(authorize(compiled, "repo:read", resource).explanation).toMatch(/^Denied: "repo:read" on repo "x" \(type npm\) is not allowed/);
    expect(authorize(compiled, "repo:read", { repo: "x" }).explanation).toMatch(/^Denied: "repo:read" on repo "x" is not allowed/);
  });

  it("says so when a token has no scopes", () => {
    const decision = authorize(compileGrant({ scopes: [], repos: [], sources: [] }), "api:read");
    expect(decision.explanation).toContain("this token has no scopes");
  });
});
