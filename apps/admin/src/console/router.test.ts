import { describe, expect, it } from "vitest";
import { NAV_ITEMS, navItemOf, parseRoute, type Route, routeHash } from "./router.js";

describe("parseRoute", () => {
  it.each([
    ["", { name: "tokens" }],
    ["#/", { name: "tokens" }],
    ["#/nowhere", { name: "tokens" }],
    ["#/overview", { name: "overview" }],
    ["#/repos", { name: "repos" }],
    ["#repos", { name: "repos" }],
    ["#/repos/pypi", { name: "repo-packages", repo: "pypi" }],
    ["#/repos/pypi/", { name: "repo-packages", repo: "pypi" }],
    ["#/repos/pypi/setup", { name: "repo-setup", repo: "pypi" }],
    ["#/repos/pypi/other", { name: "repo-packages", repo: "pypi" }],
    ["#/sources", { name: "sources" }],
    ["#/sources/", { name: "sources" }],
    ["#/sources/py-local", { name: "source-files", source: "py-local" }],
    ["#/sources/a%20b", { name: "source-files", source: "a b" }],
    ["#/sources/%E0%A4%A", { name: "source-files", source: "%E0%A4%A" }],
    ["#/orgs", { name: "orgs" }],
    ["#/orgs/data-science", { name: "org", org: "data-science" }],
    ["#/blocklist", { name: "blocklist" }],
    ["#/blocklist/extra", { name: "blocklist" }],
    ["#/metadata", { name: "metadata" }],
    ["#metadata", { name: "metadata" }],
    ["#/audit", { name: "audit" }],
    ["#/explain", { name: "explain" }],
  ])("reads %j", (hash, expected) => {
    expect(parseRoute(hash)).toEqual(expected);
  });

  it("round-trips through routeHash", () => {
    const routes: Route[] = [
      { name: "overview" },
      { name: "tokens" },
      { name: "repos" },
      { name: "repo-packages", repo: "py pi" },
      { name: "repo-setup", repo: "cran/x" },
      { name: "source-files", source: "we/ird name" },
      { name: "orgs" },
      { name: "org", org: "data science" },
      { name: "blocklist" },
      { name: "metadata" },
      { name: "audit" },
    ];
    for (const route of routes) expect(parseRoute(routeHash(route))).toEqual(route);
  });
});

describe("navItemOf", () => {
  it.each([
    [{ name: "source-files", source: "x" }, "sources"],
    [{ name: "org", org: "x" }, "orgs"],
    [{ name: "repo-packages", repo: "x" }, "repos"],
    [{ name: "repo-setup", repo: "x" }, "repos"],
    [{ name: "audit" }, "audit"],
    [{ name: "overview" }, "overview"],
  ] satisfies [Route, string][])("files %j under %s", (route, item) => {
    expect(navItemOf(route)).toBe(item);
  });
});

describe("NAV_ITEMS", () => {
  it("links each item to the route it names", () => {
    for (const item of NAV_ITEMS) expect(parseRoute(item.hash).name).toBe(item.name);
  });

  it("lists the screens in the order an admin works through them", () => {
    expect(NAV_ITEMS.map((i) => i.label)).toEqual(["Overview", "Tokens", "Repos", "Sources", "Organizations", "Blocklist", "Metadata", "Audit log", "Explain"]);
  });
});
