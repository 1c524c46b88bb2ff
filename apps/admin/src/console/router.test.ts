import { describe, expect, it } from "vitest";
import { NAV_ITEMS, navItemOf, parseRoute, type Route, routeHash } from "./router.js";

describe("parseRoute", () => {
  it.each([
    ["", { name: "tokens" }],
    ["#/", { name: "tokens" }],
    ["#/nowhere", { name: "tokens" }],
    ["#/repos", { name: "repos" }],
    ["#repos", { name: "repos" }],
    ["#/sources", { name: "sources" }],
    ["#/sources/", { name: "sources" }],
    ["#/sources/py-local", { name: "source-files", source: "py-local" }],
    ["#/sources/a%20b", { name: "source-files", source: "a b" }],
    ["#/sources/%E0%A4%A", { name: "source-files", source: "%E0%A4%A" }],
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
    const routes: Route[] = [{ name: "tokens" }, { name: "repos" }, { name: "source-files", source: "we/ird name" }, { name: "blocklist" }, { name: "metadata" }, { name: "audit" }];
    for (const route of routes) expect(parseRoute(routeHash(route))).toEqual(route);
  });
});

describe("navItemOf", () => {
  it("files a source's files under Sources", () => {
    expect(navItemOf({ name: "source-files", source: "x" })).toBe("sources");
    expect(navItemOf({ name: "audit" })).toBe("audit");
    expect(navItemOf({ name: "blocklist" })).toBe("blocklist");
  });
});

describe("NAV_ITEMS", () => {
  it("links each item to the route it names", () => {
    for (const item of NAV_ITEMS) expect(parseRoute(item.hash).name).toBe(item.name);
  });

  it("lists the blocklist and metadata screens after Sources", () => {
    expect(NAV_ITEMS.map((i) => i.label)).toEqual(["Tokens", "Repos", "Sources", "Blocklist", "Metadata", "Audit log", "Explain"]);
  });
});
