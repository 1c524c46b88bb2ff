import { describe, expect, it } from "vitest";
import { isWithin } from "./is-within.js";
import type { Grant, ResourceList } from "./vocabulary.js";

function grant(scopes: string[], repos: ResourceList = [], sources: ResourceList = []): Grant {
  return { scopes, repos, sources };
}

describe("isWithin", () => {
  it.each([
    ["same grant", grant(["repos:read"], ["a"]), grant(["repos:read"], ["a"])],
    ["fewer repos", grant(["repos:read"], ["a"]), grant(["repos:read"], ["a", "b"])],
    ["any list under '*'", grant(["repos:read"], ["a", "z"]), grant(["repos:read"], "*")],
    ["implied scope", grant(["blocklist:read"]), grant(["blocklist:admin"])],
    ["deep implication", grant(["api:read"], "*", "*"), grant(["api"], "*", "*")],
    ["type subset", grant(["pypi:download"], "*", "*"), grant(["pypi"], "*", "*")],
    ["typed read under every repo", grant(["conda:download"], "*", "*"), grant(["repos"], "*", "*")],
    ["list under every repo plus metadata", grant(["repos:read"], ["a"]), grant(["repos", "api:read"], "*", "*")],
    ["no repos listed means nothing granted", grant(["repos:read"], []), grant(["blocklist:read"])],
    ["anything under admin", grant(["api", "pypi", "conda", "repos"], "*", "*"), grant(["global:admin"])],
    ["unused lists are ignored", grant(["blocklist:read"], "*", "*"), grant(["blocklist:admin"], ["a"])],
    ["empty grant", grant([]), grant([])],
  ])("accepts %s", (_label, child, parent) => {
    expect(isWithin(child, parent)).toEqual({ ok: true });
  });

  it.each([
    ["a repo the parent lacks", grant(["repos:read"], ["a", "c"]), grant(["repos:read"], ["a", "b"]), `"repo:read" on repo "c"`],
    ["'*' under a list", grant(["repos:read"], "*"), grant(["repos:read"], ["a"]), `"repo:read" on every repo`],
    ["a broader scope", grant(["blocklist:admin"]), grant(["blocklist:read"]), `"blocklist:manage"`],
    ["another type", grant(["conda:download"], "*", "*"), grant(["pypi"], "*", "*"), "type conda"],
    ["every repo under a list", grant(["repos"], "*", "*"), grant(["repos:read"], ["a", "b"]), `"repo:read" on every repo`],
    ["a list under a type", grant(["repos:read"], ["a"]), grant(["conda"], "*", "*"), `repo "a"`],
    ["repo metadata under plain repos", grant(["repos:read"], ["a"]), grant(["repos"], "*", "*"), `"metadata:read" on repo "a"`],
    ["admin under anything", grant(["global:admin"]), grant(["api"], "*", "*"), `"tokens:manage"`],
    ["a source the parent lacks", grant(["sources:write"], [], ["s2"]), grant(["sources:write"], [], ["s1"]), `source "s2"`],
  ])("refuses %s, naming what is missing", (_label, child, parent, missing) => {
    const result = isWithin(child, parent);
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.reason).toContain(missing);
  });
});
