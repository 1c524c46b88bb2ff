import { describe, expect, it } from "vitest";
import { ceilingScopeOf } from "./ceiling.js";
import type { Action, Grant, RepoType } from "./vocabulary.js";

const grant = (scopes: string[], repos: Grant["repos"] = [], sources: Grant["sources"] = []): Grant => ({ scopes, repos, sources });

describe("ceilingScopeOf", () => {
  const cases: [string, Grant, Action, RepoType | undefined, string | null][] = [
    ["listed read reaches any repo kind", grant(["repos:read"], ["other"]), "repo:read", "python", "repos:read"],
    ["listed read with an empty list still holds the kind", grant(["repos:read"], []), "repo:read", "conda", "repos:read"],
    ["typed read holds its own type", grant(["conda:download"]), "repo:read", "conda", "conda:download"],
    ["typed read does not hold another type", grant(["conda:download"]), "repo:read", "python", null],
    ["a download token never uploads", grant(["conda:download"]), "source:write", "conda", null],
    ["pypi holds python uploads through pypi:upload", grant(["pypi"]), "source:write", "python", "pypi"],
    ["pypi does not hold r uploads", grant(["pypi"]), "source:write", "r", null],
    ["sources:write holds uploads of any kind", grant(["sources:write"], [], ["x"]), "source:write", "r", "sources:write"],
    ["global admin holds everything", grant(["global:admin"]), "source:write", "bioconductor", "global:admin"],
    ["a read token holds no uploads", grant(["repos:read"], "*"), "source:write", "python", null],
    ["no scopes hold nothing", grant([]), "repo:read", "python", null],
  ];
  it.each(cases)("%s", (_name, g, action, type, expected) => {
    expect(ceilingScopeOf(g, action, type)).toBe(expected);
  });
});
