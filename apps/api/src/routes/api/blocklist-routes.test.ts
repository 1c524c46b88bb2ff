import { LOCAL_ACTOR, createRepo, createToken } from "@gatehouse/domain";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type InMemoryApp, openInMemoryApp } from "../../../test/support/in-memory-app.js";

describe("blocklist routes (app.request, no sockets)", () => {
  let t: InMemoryApp;
  const tokens = { admin: "", reader: "" };

  beforeAll(async () => {
    t = await openInMemoryApp({ tempPrefix: "gh-blocklist-api-" });
    await createRepo(t.domain, LOCAL_ACTOR, { name: "pypi", type: "python", authenticated: false });
    const mint = async (scopes: string[], user: string) => (await createToken(t.domain, LOCAL_ACTOR, { scopes, description: "test", user })).token;
    tokens.admin = await mint(["blocklist:admin"], "bea");
    tokens.reader = await mint(["blocklist:read"], "rita");
  });
  afterAll(async () => {
    await t?.close();
  });

  const call = (method: string, path: string, token?: string, body?: unknown) =>
    t.app.request(path, {
      method,
      headers: { "content-type": "application/json", ...(token ? { authorization: `Bearer ${token}` } : {}) },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });
  const errorOf = async (res: Response) => ((await res.json()) as { error: { code: string; message: string; field?: string } }).error;

  it("creates, lists and deletes rules with blocklist:admin", async () => {
    const created = await call("POST", "/__api__/blocklist-rules", tokens.admin, { name: "requests", versions: "<2.32", repo: "pypi", reason: "CVE-2024-35195" });
    expect(created.status).toBe(201);
    const rule = (await created.json()) as { id: string };
    expect(rule).toMatchObject({ id: expect.stringMatching(/^blk_/), name: "requests", versions: "<2.32", repo: "pypi", reason: "CVE-2024-35195", createdBy: expect.stringContaining("bea"), createdAt: expect.any(String) });

    const listed = await call("GET", "/__api__/blocklist-rules", tokens.reader);
    expect(listed.status).toBe(200);
    expect(await listed.json()).toEqual({ rules: [rule] });

    const deleted = await call("DELETE", `/__api__/blocklist-rules/${rule.id}`, tokens.admin);
    expect(deleted.status).toBe(200);
    expect(await deleted.json()).toEqual({ deleted: rule });
    expect(await (await call("GET", "/__api__/blocklist-rules", tokens.reader)).json()).toEqual({ rules: [] });
    expect((await call("DELETE", `/__api__/blocklist-rules/${rule.id}`, tokens.admin)).status).toBe(404);
  });

  it("works for the local operator (admin socket) with a rule for every repo and version", async () => {
    const res = await t.asAdmin("/__api__/blocklist-rules", { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify({ name: "leftpad", reason: "withdrawn" }) });
    expect(res.status).toBe(201);
    expect(await res.json()).toMatchObject({ name: "leftpad", versions: null, repo: null, createdBy: "local" });
  });

  it("maps refusals and bad input to statuses naming the field", async () => {
    expect((await call("POST", "/__api__/blocklist-rules", tokens.reader, { name: "x", reason: "r" })).status).toBe(403);
    const anonymous = await call("GET", "/__api__/blocklist-rules");
    expect(anonymous.status).toBe(401);
    expect(anonymous.headers.get("www-authenticate")).toMatch(/^Basic realm=/);

    const unknownField = await call("POST", "/__api__/blocklist-rules", tokens.admin, { name: "x", reason: "r", version: "<2" });
    expect(unknownField.status).toBe(400);
    expect((await errorOf(unknownField)).message).toContain("version: unknown field");
    const noReason = await call("POST", "/__api__/blocklist-rules", tokens.admin, { name: "x" });
    expect(await errorOf(noReason)).toMatchObject({ code: "INVALID_INPUT", field: "reason", message: expect.stringContaining("reason is required") });
    const badRange = await call("POST", "/__api__/blocklist-rules", tokens.admin, { name: "x", reason: "r", repo: "pypi", versions: "(>= 1.2)" });
    expect(badRange.status).toBe(400);
    expect(await errorOf(badRange)).toMatchObject({ field: "versions", message: expect.stringContaining("PEP 440") });
    const unknownRepo = await call("POST", "/__api__/blocklist-rules", tokens.admin, { name: "x", reason: "r", repo: "nope" });
    expect(unknownRepo.status).toBe(404);
    expect(await errorOf(unknownRepo)).toMatchObject({ field: "repo" });
  });

  it("is in the OpenAPI document", async () => {
    const doc = (await (await t.app.request("/__api__/openapi.json")).json()) as { paths: Record<string, Record<string, unknown>> };
    expect(Object.keys(doc.paths["/__api__/blocklist-rules"] ?? {})).toEqual(["get", "post"]);
    expect(Object.keys(doc.paths["/__api__/blocklist-rules/{id}"] ?? {})).toEqual(["delete"]);
  });
});
