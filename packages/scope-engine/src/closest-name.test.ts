import { describe, expect, it } from "vitest";
import { closestName, didYouMean } from "./closest-name.js";

describe("closestName", () => {
  it.each([
    ["pypy", ["cran", "pypi"], "pypi"],
    ["tema", ["team"], "team"],
    ["PyPI", ["pypi"], "pypi"],
    ["repo:read", ["repos:read", "repos"], "repos:read"],
    ["conda:downlod", ["conda", "conda:download"], "conda:download"],
    ["biconductor", ["bioconductor", "cran"], "bioconductor"],
    ["zzz", ["pypi", "cran"], undefined],
    ["x", [], undefined],
  ] as const)("%s among %j → %s", (name, candidates, expected) => {
    expect(closestName(name, candidates)).toBe(expected);
  });

  it("phrases the hint, or says nothing", () => {
    expect(didYouMean("cranx", ["cran"])).toBe(" (did you mean 'cran'?)");
    expect(didYouMean("far-away", ["cran"])).toBe("");
  });
});
