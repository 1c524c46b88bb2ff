import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { type Domain, LOCAL_ACTOR, TokenVerifier, createRepo, createSource, createToken, openDomain, subscribe } from "@gatehouse/domain";
import pino from "pino";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type GatehouseApp, createApp } from "../../app.js";
import { loadConfig } from "../../env.js";
import { FailureLimiter } from "../../middleware/failure-limiter.js";

describe("identity admin routes (app.request, no sockets)", () => {
  let app: GatehouseApp;
  let domain: Domain;
  let verifier: TokenVerifier;
  let dataDir: string;
  const tokens = { admin: "", manager: "", reader: "" };

  beforeAll(async () => {
    dataDir = mkdtempSync(join(tmpdir(), "gh-identity-api-"));
    domain = await openDomain({ dataDir, memory: true });
    await createSource(domain, LOCAL_ACTOR, { name: "internal", kind: "python" });
    await createRepo(domain, LOCAL_ACTOR, { name: "locked", type: "python", authenticated: true });
    await subscribe(domain, LOCAL_ACTOR, { repo: "locked", source: "internal" });
    const mint = async (scopes: string[], user: string) => (await createToken(domain, LOCAL_ACTOR, { scopes, description: "test", user })).token;
    tokens.admin = await mint(["global:admin"], "root");
    tokens.manager = await mint(["api:modify-group"], "mgr");
    tokens.reader = await mint(["pypi:download"], "alice");
    verifier = new TokenVerifier(domain);
    app = createApp({ domain, verifier, config: loadConfig({}, { dataDir }), logger: pino({ level: "silent" }), limiter: new FailureLimiter(1000, 60_000) });
  });
  afterAll(async () => {
    await verifier?.close();
    await domain?.close();
    rmSync(dataDir, { recursive: true, force: true });
  });

  const call = (method: string, path: string, token?: string, body?: unknown) =>
    app.request(path, {
      method,
      headers: { "content-type": "application/json", ...(token ? { authorization: `Bearer ${token}` } : {}) },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });
  const errorOf = async (res: Response) => ((await res.json()) as { error: { code: string; field?: string } }).error;

  it("creates orgs, groups, members and grants with api:modify-group and answers with what changed", async () => {
    expect((await call("POST", "/__api__/orgs", tokens.manager, { name: "ds" })).status).toBe(201);
    const group = await call("POST", "/__api__/orgs/ds/groups", tokens.manager, { name: "analysts" });
    expect(group.status).toBe(201);
    expect((await call("POST", "/__api__/orgs/ds/groups/analysts/members", tokens.manager, { user: "alice" })).status).toBe(200);
    const granted = await call("POST", "/__api__/orgs/ds/groups/analysts/grants", tokens.manager, { repo: "locked", package: "Secret_Sauce", permission: "read" });
    expect(await granted.json()).toMatchObject({ grants: [{ repo: "locked", package: "secret-sauce", permission: "read" }] });
    const revoked = await call("DELETE", "/__api__/orgs/ds/groups/analysts/grants?repo=locked&package=secret-sauce", tokens.manager);
    expect(await revoked.json()).toMatchObject({ grants: [] });
    // Members see their organization; its detail lists the group and its members.
    const detail = await call("GET", "/__api__/orgs/ds", tokens.reader);
    expect(await detail.json()).toMatchObject({ name: "ds", memberList: [{ user: "alice", role: "member" }], groupList: [{ name: "analysts" }] });
  });

  it("maps refusals and bad input to the usual statuses", async () => {
    const anonymous = await call("POST", "/__api__/orgs", undefined, { name: "x" });
    expect(anonymous.status).toBe(401);
    expect(anonymous.headers.get("www-authenticate")).toMatch(/^Basic realm=/);
    expect((await call("POST", "/__api__/orgs", tokens.reader, { name: "x" })).status).toBe(403);
    expect((await call("GET", "/__api__/orgs/nope", tokens.admin)).status).toBe(404);
    const badPermission = await call("POST", "/__api__/orgs/ds/groups/analysts/grants", tokens.admin, { repo: "locked", permission: "owner" });
    expect(badPermission.status).toBe(400);
    expect(await errorOf(badPermission)).toMatchObject({ code: "INVALID_INPUT", field: "permission" });
    const duplicate = await call("POST", "/__api__/orgs", tokens.admin, { name: "ds" });
    expect([duplicate.status, (await errorOf(duplicate)).field]).toEqual([409, "name"]);
    const noAccess = await call("PUT", "/__api__/sources/internal/packages/anything/access", tokens.reader, { private: true });
    expect(noAccess.status).toBe(403);
    expect((await call("PUT", "/__api__/sources/internal/packages/anything/access", tokens.admin, {})).status).toBe(400);
  });

  it("lets a manager declare a package private before its upload, and guards the repo listing like the repo", async () => {
    const declared = await call("PUT", "/__api__/sources/internal/packages/Future.Pkg/access", tokens.manager, { private: true, owner: "alice" });
    expect(await declared.json()).toMatchObject({ source: "internal", project: "future-pkg", private: true, owner: "alice" });
    const listed = await call("GET", "/__api__/sources/internal/package-access?private=true", tokens.admin);
    expect(((await listed.json()) as { packages: { project: string }[] }).packages.map((p) => p.project)).toEqual(["future-pkg"]);
    expect((await call("GET", "/__api__/repos/locked/packages")).status).toBe(401);
    const asReader = await call("GET", "/__api__/repos/locked/packages", tokens.reader);
    expect(await asReader.json()).toEqual({ packages: [] });
    expect((await call("GET", "/__api__/repos/nope/packages", tokens.reader)).status).toBe(404);
  });

  // Under tests every answer is checked against its contract schema, so a 200 here means it conforms.
  it("answers every read and removal with the shape its operation declares", async () => {
    const sent = async (method: string, path: string, body?: unknown) => {
      const res = await call(method, path, tokens.admin, body);
      expect(res.status, `${method} ${path}`).toBeLessThan(300);
      return res.json();
    };
    await sent("POST", "/__api__/orgs", { name: "walk", owner: "olga" });
    await sent("POST", "/__api__/orgs/walk/members", { user: "bob", role: "member" });
    await sent("POST", "/__api__/orgs/walk/groups", { name: "g" });
    await sent("POST", "/__api__/orgs/walk/groups/g/members", { user: "bob" });
    await sent("POST", "/__api__/orgs/walk/groups/g/grants", { repo: "locked", permission: "write" });
    expect(await sent("GET", "/__api__/orgs")).toMatchObject({ orgs: expect.arrayContaining([expect.objectContaining({ name: "walk", members: 2, groups: 1 })]) });
    expect(await sent("GET", "/__api__/orgs/walk/groups")).toMatchObject({ groups: [{ name: "g", grants: [{ repo: "locked", package: null, permission: "write" }] }] });
    expect(await sent("GET", "/__api__/orgs/walk/groups/g")).toMatchObject({ members: [{ user: "bob", role: "member" }] });
    expect(await sent("DELETE", "/__api__/orgs/walk/groups/g/members/bob")).toMatchObject({ members: [] });
    expect(await sent("DELETE", "/__api__/orgs/walk/members/bob")).toMatchObject({ memberList: [{ user: "olga", role: "owner" }] });
    expect(await sent("GET", "/__api__/sources/internal/packages/future-pkg/access")).toMatchObject({ private: true });
    expect(await sent("GET", "/__api__/sources/internal/package-access")).toMatchObject({ packages: [{ project: "future-pkg" }] });
    expect(await sent("DELETE", "/__api__/orgs/walk/groups/g")).toEqual({ deleted: "walk/g" });
    expect(await sent("DELETE", "/__api__/orgs/walk")).toEqual({ deleted: "walk" });
  });
});
