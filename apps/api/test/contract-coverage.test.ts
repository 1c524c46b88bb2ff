import { allOperations } from "@gatehouse/api-contract";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type InMemoryApp, openInMemoryApp } from "./support/in-memory-app.js";

// The two routes that are about the contract rather than in it.
const NOT_OPERATIONS = new Set(["GET /__api__/openapi.json", "GET /__api__/docs"]);

const isApiPath = (path: string): boolean => path.startsWith("/__api__/") || path.startsWith("/__local__/");
// `app.use(…)` shows in Hono's route list as ALL <pattern>*: a middleware, not an operation.
const isMiddleware = (route: { method: string; path: string }): boolean => route.method === "ALL" && route.path.endsWith("*");

/**
 * Every JSON route the server answers is declared once in the contract (same method and path
 * template, parameter names included), and every declared operation is served: neither can be
 * added without the other.
 */
describe("the contract covers the API", () => {
  let t: InMemoryApp;
  let served: string[];
  beforeAll(async () => {
    t = await openInMemoryApp({ tempPrefix: "gh-coverage-" });
    served = t.app.routes.filter((r) => isApiPath(r.path) && !isMiddleware(r)).map((r) => `${r.method} ${r.path}`);
  });
  afterAll(async () => t.close());

  it("serves each route once", () => {
    expect(served.filter((r, i) => served.indexOf(r) !== i)).toEqual([]);
  });

  it("declares every /__api__/ and /__local__/ route exactly once in the contract", () => {
    const declared = allOperations().map((op) => `${op.method} ${op.path}`);
    const wrong = served
      .filter((route) => !NOT_OPERATIONS.has(route))
      .map((route) => ({ route, operations: declared.filter((d) => d === route).length }))
      .filter((r) => r.operations !== 1);
    expect(wrong).toEqual([]);
  });

  it("serves every contract operation", () => {
    const routes = new Set(served);
    const unserved = allOperations()
      .filter((op) => !routes.has(`${op.method} ${op.path}`))
      .map((op) => `${op.id}: ${op.method} ${op.path}`);
    expect(unserved).toEqual([]);
  });

  it("keeps openapi.json and docs out of the contract", () => {
    const declared = new Set(allOperations().map((op) => `${op.method} ${op.path}`));
    for (const route of NOT_OPERATIONS) {
      expect(served).toContain(route);
      expect(declared.has(route)).toBe(false);
    }
  });
});
