import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { authorize, compileGrant, expandScopes, impliedBy, isAllowed, isWithin, SCOPE_TABLE } from "../src/index.js";
import type { Grant, ResourceList } from "../src/index.js";
import { actionArb, grantArb, listArb, probesArb, resourceArb, scopeArb } from "./arbitraries.js";

const RUNS = { numRuns: 500 };

function allows(grant: Grant, probes: readonly (readonly [Parameters<typeof isAllowed>[1], Parameters<typeof isAllowed>[2]])[]) {
  const compiled = compileGrant(grant);
  return probes.map(([action, resource]) => isAllowed(compiled, action, resource));
}

function sameMembers(a: readonly string[], b: readonly string[]): boolean {
  return a.length === b.length && new Set(a).size === new Set([...a, ...b]).size;
}

function widen(list: ResourceList, extra: readonly string[]): ResourceList {
  return list === "*" ? "*" : [...new Set([...list, ...extra])];
}

describe("scope engine laws", () => {
  it("adding a scope never removes a permission", () => {
    fc.assert(
      fc.property(grantArb, scopeArb, probesArb, (grant, extra, probes) => {
        const before = allows(grant, probes);
        const after = allows({ ...grant, scopes: [...grant.scopes, extra] }, probes);
        return before.every((ok, i) => !ok || after[i]);
      }),
      RUNS,
    );
  });

  it("lengthening a list never removes a permission, and '*' covers any list", () => {
    fc.assert(
      fc.property(grantArb, listArb, probesArb, (grant, extra, probes) => {
        const more = extra === "*" ? [] : extra;
        const wider = { ...grant, repos: widen(grant.repos, more), sources: widen(grant.sources, more) };
        const star: Grant = { ...grant, repos: "*", sources: "*" };
        const base = allows(grant, probes);
        const w = allows(wider, probes);
        const s = allows(star, probes);
        return (
          base.every((ok, i) => !ok || (w[i] && s[i])) && isWithin(grant, star).ok && isWithin(grant, wider).ok
        );
      }),
      RUNS,
    );
  });

  it("implication closure is idempotent and transitive", () => {
    fc.assert(
      fc.property(fc.uniqueArray(scopeArb, { maxLength: 5 }), (scopes) => {
        const once = expandScopes(scopes);
        const twice = expandScopes(once);
        const transitive = once.every((s) => impliedBy(s).every((t) => once.includes(t)));
        return sameMembers(once, twice) && transitive && scopes.every((s) => once.includes(s));
      }),
    );
  });

  it("a grant decides exactly as its expanded scope list does", () => {
    fc.assert(
      fc.property(grantArb, probesArb, (grant, probes) => {
        const expanded = { ...grant, scopes: expandScopes(grant.scopes) };
        return JSON.stringify(allows(grant, probes)) === JSON.stringify(allows(expanded, probes));
      }),
      RUNS,
    );
  });

  it("every grant is within itself", () => {
    fc.assert(fc.property(grantArb, (grant) => isWithin(grant, grant).ok));
  });

  it("a child within its parent allows nothing the parent denies (random pairs)", () => {
    let within = 0;
    fc.assert(
      fc.property(grantArb, grantArb, probesArb, (child, parent, probes) => {
        if (!isWithin(child, parent).ok) return true;
        within++;
        const c = allows(child, probes);
        const p = allows(parent, probes);
        return c.every((ok, i) => !ok || p[i]);
      }),
      { numRuns: 3000 },
    );
    // Guard against a vacuous pass: enough random pairs must actually be nested.
    expect(within).toBeGreaterThan(200);
  });

  it("a child built from the parent's implied scopes and sub-lists is within it, and sound", () => {
    const pairArb = grantArb.chain((parent) =>
      fc
        .record({
          scopes: fc.subarray(expandScopes(parent.scopes)),
          repos: parent.repos === "*" ? listArb : fc.subarray([...parent.repos]),
          sources: parent.sources === "*" ? listArb : fc.subarray([...parent.sources]),
        })
        .map((child) => [child, parent] as const),
    );
    fc.assert(
      fc.property(pairArb, probesArb, ([child, parent], probes) => {
        const c = allows(child, probes);
        const p = allows(parent, probes);
        return isWithin(child, parent).ok && c.every((ok, i) => !ok || p[i]);
      }),
      RUNS,
    );
  });

  it("global:admin and all allow every action on every resource, whatever the lists", () => {
    fc.assert(
      fc.property(
        fc.constantFrom("global:admin", "all"),
        listArb,
        listArb,
        actionArb,
        fc.option(resourceArb, { nil: undefined }),
        (scope, repos, sources, action, resource) =>
          isAllowed(compileGrant({ scopes: [scope], repos, sources }), action, resource),
      ),
    );
  });

  it("every other scope is within global:admin and all", () => {
    for (const { name } of SCOPE_TABLE) {
      const child: Grant = { scopes: [name], repos: "*", sources: "*" };
      expect(isWithin(child, { scopes: ["global:admin"], repos: [], sources: [] })).toEqual({ ok: true });
      expect(isWithin(child, { scopes: ["all"], repos: "*", sources: "*" })).toEqual({ ok: true });
    }
  });

  it("authorize agrees with isAllowed and credits a scope the grant holds", () => {
    fc.assert(
      fc.property(grantArb, actionArb, fc.option(resourceArb, { nil: undefined }), (grant, action, resource) => {
        const compiled = compileGrant(grant);
        const decision = authorize(compiled, action, resource);
        const consistent = decision.allowed === isAllowed(compiled, action, resource);
        const credited = decision.allowed
          ? decision.grantedBy !== null && grant.scopes.includes(decision.grantedBy)
          : decision.grantedBy === null;
        const explained = decision.explanation.startsWith(decision.allowed ? "Allowed: " : "Denied: ");
        const named = decision.explanation.includes(`"${action}"`) || decision.explanation.includes("every action");
        return consistent && credited && explained && named;
      }),
      RUNS,
    );
  });
});
