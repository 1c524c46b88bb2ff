import { describe, expect, it } from "vitest";
import { BlocklistMatcher } from "./blocklist-matcher.js";
import type { BlockRule } from "./blocklist-types.js";

const rule = (over: Partial<BlockRule>): BlockRule => ({ id: "blk_1", package: "pkg", versions: null, repoId: null, repo: null, reason: "r", ...over });

describe("BlocklistMatcher", () => {
  it("is empty without rules and matches nothing", () => {
    const matcher = new BlocklistMatcher([]);
    expect(matcher.isEmpty).toBe(true);
    expect(matcher.match("repo_a", "python", "pkg", "1.0")).toBeUndefined();
  });

  it.each([
    // rule package, ecosystem, file's normalized project, blocked?
    ["Foo_Bar.baz", "python", "foo-bar-baz", true],
    ["Foo_Bar.baz", "conda", "foo_bar.baz", true],
    ["Foo_Bar.baz", "conda", "foo-bar-baz", false],
    ["Foo.Bar", "r", "Foo.Bar", true],
    ["Foo.Bar", "r", "foo.bar", false],
    ["_libgcc_mutex", "conda", "_libgcc_mutex", true],
  ] as const)("normalizes %s for %s like the files (%s: %s)", (pkg, ecosystem, project, blocked) => {
    const matcher = new BlocklistMatcher([rule({ package: pkg })]);
    expect(matcher.match("repo_a", ecosystem, project, "1.0") !== undefined).toBe(blocked);
  });

  it("reads a repo's range in that repo's syntax only", () => {
    const matcher = new BlocklistMatcher([rule({ versions: "(>= 1.2)", repoId: "repo_r", repo: "cran" })]);
    expect(matcher.match("repo_r", "r", "pkg", "1.3")?.id).toBe("blk_1");
    expect(matcher.match("repo_r", "r", "pkg", "1.1")).toBeUndefined();
    expect(matcher.match("repo_other", "r", "pkg", "1.3")).toBeUndefined();
  });

  it("blocks every version when a stored range is valid in no ecosystem (fails closed)", () => {
    const matcher = new BlocklistMatcher([rule({ versions: "~~ not a range ~~" })]);
    for (const ecosystem of ["python", "r", "conda"] as const) expect(matcher.match("repo_a", ecosystem, "pkg", "9.9")).toBeDefined();
  });
});
