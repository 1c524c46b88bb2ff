import { Readable } from "node:stream";
import { LOCAL_ACTOR, createRepo, createSource, createToken, publishFile, setPackageAccess, subscribe } from "@gatehouse/domain";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buildWheel } from "../../../test/support/fixture-packages.js";
import { type InMemoryApp, openInMemoryApp } from "../../../test/support/in-memory-app.js";

describe("metadata routes (app.request, no sockets)", () => {
  let t: InMemoryApp;
  const tokens = { admin: "", pypiReader: "", otherReader: "" };

  beforeAll(async () => {
    t = await openInMemoryApp({ tempPrefix: "gh-metadata-api-" });
    await createSource(t.domain, LOCAL_ACTOR, { name: "team", kind: "python" });
    await createRepo(t.domain, LOCAL_ACTOR, { name: "pypi", type: "python", authenticated: true });
    await createRepo(t.domain, LOCAL_ACTOR, { name: "other", type: "python", authenticated: true });
    await subscribe(t.domain, LOCAL_ACTOR, { repo: "pypi", source: "team" });
    const wheel = buildWheel({ name: "Data_Table", version: "1.0" });
    await publishFile(t.domain, LOCAL_ACTOR, { source: "team", filename: wheel.filename, body: Readable.from([wheel.bytes]) });
    const mint = async (scopes: string[], user: string, repos?: string[]) =>
      (await createToken(t.domain, LOCAL_ACTOR, { scopes, description: "test", user, ...(repos ? { repos } : {}) })).token;
    tokens.admin = await mint(["metadata:admin"], "meg");
    tokens.pypiReader = await mint(["repos:read"], "rory", ["pypi"]);
    tokens.otherReader = await mint(["repos:read"], "olly", ["other"]);
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

  it("sets a note with metadata:admin and lets a repos:read token of the repo read it", async () => {
    const put = await call("PUT", "/__api__/metadata/Data.Table/owner", tokens.admin, { value: "platform" });
    expect(put.status).toBe(200);
    expect(await put.json()).toMatchObject({ name: "data-table", key: "owner", value: "platform", updatedBy: expect.stringContaining("meg"), updatedAt: expect.any(String) });

    const listed = await call("GET", "/__api__/metadata?repo=pypi", tokens.pypiReader);
    expect(listed.status).toBe(200);
    expect(await listed.json()).toMatchObject({ metadata: [{ name: "data-table", key: "owner", value: "platform" }] });
    expect(await (await call("GET", "/__api__/metadata?repo=other", tokens.otherReader)).json()).toEqual({ metadata: [] });
    expect((await call("GET", "/__api__/metadata?repo=pypi", tokens.otherReader)).status).toBe(403);
    expect((await call("GET", "/__api__/metadata", tokens.pypiReader)).status).toBe(403);
    expect((await call("GET", "/__api__/metadata?name=data_table", tokens.admin)).status).toBe(200);
    expect((await call("GET", "/__api__/metadata?repo=pypi")).status).toBe(401);
  });

  it("removes a note with DELETE and refuses an empty PUT, unknown fields and writers without metadata:admin", async () => {
    expect((await call("PUT", "/__api__/metadata/data-table/owner", tokens.pypiReader, { value: "x" })).status).toBe(403);
    const empty = await call("PUT", "/__api__/metadata/data-table/owner", tokens.admin, { value: "" });
    expect(await errorOf(empty)).toMatchObject({ code: "INVALID_INPUT", field: "value", message: expect.stringContaining("DELETE") });
    const typo = await call("PUT", "/__api__/metadata/data-table/owner", tokens.admin, { valeu: "x" });
    expect(typo.status).toBe(400);
    expect(await errorOf(typo)).toMatchObject({ field: "valeu", message: "valeu: unknown field; known fields: value" });
    const badQuery = await call("GET", "/__api__/metadata?nmae=x", tokens.admin);
    expect(await errorOf(badQuery)).toMatchObject({ code: "INVALID_INPUT", message: "'nmae': unknown field; known fields: name, repo" });
    const badKey = await call("PUT", "/__api__/metadata/data-table/Owner", tokens.admin, { value: "x" });
    expect(await errorOf(badKey)).toMatchObject({ code: "INVALID_INPUT", field: "key" });

    const deleted = await call("DELETE", "/__api__/metadata/Data_Table/owner", tokens.admin);
    expect(deleted.status).toBe(200);
    expect(await deleted.json()).toEqual({ deleted: { name: "data-table", key: "owner" } });
    expect((await call("DELETE", "/__api__/metadata/data-table/owner", tokens.admin)).status).toBe(404);
  });

  it("hides the notes of a private package from repo readers who may not see it, as the indexes do", async () => {
    const wheel = buildWheel({ name: "Hush_Hush", version: "1.0" });
    await publishFile(t.domain, LOCAL_ACTOR, { source: "team", filename: wheel.filename, body: Readable.from([wheel.bytes]) });
    await setPackageAccess(t.domain, LOCAL_ACTOR, { source: "team", name: "hush-hush", private: true });
    expect((await call("PUT", "/__api__/metadata/hush-hush/advisory", tokens.admin, { value: "internal only" })).status).toBe(200);
    const asReader = await call("GET", "/__api__/metadata?repo=pypi", tokens.pypiReader);
    expect(asReader.status).toBe(200);
    const names = ((await asReader.json()) as { metadata: { name: string }[] }).metadata.map((m) => m.name);
    expect(names).not.toContain("hush-hush");
    const asAdmin = await t.asAdmin("/__api__/metadata?repo=pypi");
    expect(((await asAdmin.json()) as { metadata: { name: string }[] }).metadata.map((m) => m.name)).toContain("hush-hush");
  });
});
