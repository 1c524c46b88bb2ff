import { Readable } from "node:stream";
import { LOCAL_ACTOR, createRepo, createSource, createToken, publishFile, setPackageAccess, subscribe } from "@gatehouse/domain";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buildWheel } from "../../../test/support/fixture-packages.js";
import { type InMemoryApp, openInMemoryApp } from "../../../test/support/in-memory-app.js";

describe("repo lifecycle, package info, yank, audit and whoami routes (app.request, no sockets)", () => {
  let t: InMemoryApp;
  const tokens = { writer: "", stranger: "", soon: "" };
  const wheel = buildWheel({ name: "demo_pkg", version: "1.0" });

  beforeAll(async () => {
    t = await openInMemoryApp({ tempPrefix: "gh-lifecycle-api-" });
    await createSource(t.domain, LOCAL_ACTOR, { name: "team", kind: "python" });
    await createSource(t.domain, LOCAL_ACTOR, { name: "spare", kind: "python" });
    await createRepo(t.domain, LOCAL_ACTOR, { name: "py", type: "python" });
    await subscribe(t.domain, LOCAL_ACTOR, { repo: "py", source: "team" });
    await subscribe(t.domain, LOCAL_ACTOR, { repo: "py", source: "spare" });
    const mint = async (scopes: string[], user: string, extra: { sources?: string[]; expires?: string } = {}) =>
      (await createToken(t.domain, LOCAL_ACTOR, { scopes, description: "test", user, ...extra })).token;
    tokens.writer = await mint(["sources:write"], "wendy", { sources: ["team"] });
    tokens.stranger = await mint(["pypi:download"], "sam");
    tokens.soon = await mint(["pypi:download"], "sam", { expires: "2d" });
    await publishFile(t.domain, LOCAL_ACTOR, { source: "team", filename: wheel.filename, body: Readable.from([wheel.bytes]) });
    const secret = buildWheel({ name: "secret", version: "0.1" });
    await publishFile(t.domain, LOCAL_ACTOR, { source: "team", filename: secret.filename, body: Readable.from([secret.bytes]) });
    await setPackageAccess(t.domain, LOCAL_ACTOR, { source: "team", name: "secret", private: true });
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
  const admin = (method: string, path: string, body?: unknown) =>
    t.asAdmin(path, { method, headers: { "content-type": "application/json" }, ...(body === undefined ? {} : { body: JSON.stringify(body) }) });
  const errorOf = async (res: Response) => ((await res.json()) as { error: { code: string; message: string; field?: string } }).error;

  it("creates an R repo when no type is given, unsubscribes, and deletes sources and repos with the right refusals", async () => {
    expect(await (await admin("POST", "/__api__/repos", { name: "cran" })).json()).toMatchObject({ name: "cran", type: "r" });
    const served = await admin("DELETE", "/__api__/sources/spare");
    expect(served.status).toBe(409);
    expect((await errorOf(served)).message).toContain("served by repo py");
    expect(await (await admin("DELETE", "/__api__/repos/py/subscriptions/spare")).json()).toMatchObject({ sources: ["team"] });
    expect((await admin("DELETE", "/__api__/sources/spare")).status).toBe(200);
    expect(await errorOf(await admin("DELETE", "/__api__/sources/sprae"))).toMatchObject({ code: "NOT_FOUND", field: "name" });
    expect(await errorOf(await admin("DELETE", "/__api__/repos/cranx"))).toMatchObject({ code: "NOT_FOUND", message: expect.stringContaining("(did you mean 'cran'?)") });
    expect(await (await admin("DELETE", "/__api__/repos/cran")).json()).toMatchObject({ name: "cran", sources: [] });
    expect((await call("DELETE", "/__api__/repos/py", tokens.writer)).status).toBe(403);
  });

  it("describes a package to those who see it and answers 404 to those who do not", async () => {
    const res = await call("GET", "/__api__/repos/py/packages/Demo.Pkg", tokens.stranger);
    expect(res.status).toBe(200);
    expect(await res.json()).toMatchObject({
      project: "demo-pkg",
      private: false,
      versions: [{ version: "1.0", files: [{ filename: wheel.filename, source: "team", size: wheel.bytes.length, sha256: expect.stringMatching(/^[0-9a-f]{64}$/) }] }],
    });
    expect((await call("GET", "/__api__/repos/py/packages/secret", tokens.stranger)).status).toBe(404);
    expect(await (await admin("GET", "/__api__/repos/py/packages/secret")).json()).toMatchObject({ private: true });
  });

  it("yanks a file for its source's writers; the simple index marks it at once, in HTML and JSON", async () => {
    const path = `/__api__/sources/team/files/${wheel.filename}/yank`;
    await t.app.request("/py/simple/demo-pkg/", { headers: { accept: "text/html" } }); // fills the page cache
    expect((await call("POST", path, tokens.stranger, {})).status).toBe(403);
    expect(await errorOf(await call("POST", path, tokens.writer, { reasn: "x" }))).toMatchObject({ code: "INVALID_INPUT", field: "reasn" });
    expect(await (await call("POST", path, tokens.writer, { reason: "broken build" })).json()).toMatchObject({ yanked: true, yankedReason: "broken build" });
    expect(await (await t.app.request("/py/simple/demo-pkg/", { headers: { accept: "text/html" } })).text()).toContain('data-yanked="broken build"');
    const json = (await (await t.app.request("/py/simple/demo-pkg/", { headers: { accept: "application/vnd.pypi.simple.v1+json" } })).json()) as { files: { yanked: unknown }[] };
    expect(json.files[0]?.yanked).toBe("broken build");
    expect(await (await call("DELETE", path, tokens.writer)).json()).toMatchObject({ yanked: false });
    expect(await (await t.app.request("/py/simple/demo-pkg/", { headers: { accept: "text/html" } })).text()).not.toContain("data-yanked");
  });

  it("filters the audit log by action prefix, actor and since, refusing unknown parameters", async () => {
    const list = async (query: string) => ((await (await admin("GET", `/__api__/audit?${query}`)).json()) as { events: { action: string; actor: string }[] }).events;
    expect((await list("action=file.")).map((e) => e.action)).toEqual(expect.arrayContaining(["file.yank", "file.unyank", "file.publish"]));
    expect((await list("action=file.yank&actor=wendy")).map((e) => e.action)).toEqual(["file.yank"]);
    expect(await list("since=2999-01-01")).toEqual([]);
    expect(await errorOf(await admin("GET", "/__api__/audit?since=yesterday"))).toMatchObject({ code: "INVALID_INPUT", field: "since" });
    expect(await errorOf(await admin("GET", "/__api__/audit?acter=x"))).toMatchObject({ code: "INVALID_INPUT" });
  });

  it("documents every new operation in the OpenAPI document", async () => {
    const doc = (await (await t.app.request("/__api__/openapi.json")).json()) as { paths: Record<string, Record<string, unknown>> };
    expect(Object.keys(doc.paths["/__api__/repos/{name}"] ?? {})).toEqual(["get", "patch", "delete"]);
    expect(Object.keys(doc.paths["/__api__/repos/{name}/subscriptions/{source}"] ?? {})).toEqual(["delete"]);
    expect(Object.keys(doc.paths["/__api__/repos/{name}/packages/{package}"] ?? {})).toEqual(["get"]);
    expect(Object.keys(doc.paths["/__api__/sources/{name}"] ?? {})).toEqual(["delete"]);
    expect(Object.keys(doc.paths["/__api__/sources/{source}/files/{filename}/yank"] ?? {})).toEqual(["post", "delete"]);
    expect(Object.keys(doc.paths["/__api__/sources/{source}/labels/copy"] ?? {})).toEqual(["post"]);
  });

  it("tells a token about itself, flagging one that expires within 7 days", async () => {
    expect(await (await call("GET", "/__api__/whoami", tokens.soon)).json()).toMatchObject({ user: "sam", token: { scopes: ["pypi:download"], expiresSoon: true, expiresAt: expect.any(String) } });
    expect(await (await call("GET", "/__api__/whoami", tokens.stranger)).json()).toMatchObject({ token: { expiresSoon: false, expiresAt: expect.any(String) } });
  });
});
