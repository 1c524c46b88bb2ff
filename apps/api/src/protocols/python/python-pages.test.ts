import { Readable } from "node:stream";
import { createHash } from "node:crypto";
import { LOCAL_ACTOR, publishFile, setPackageAccess } from "@gatehouse/domain";
import { SIMPLE_HTML_CONTENT_TYPE, SIMPLE_JSON_CONTENT_TYPE } from "@gatehouse/repo-index";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type BuiltPackage, buildSdist, buildWheel, coreMetadataOf } from "../../../test/support/fixture-packages.js";
import { type PythonTestApp, basic, errorOf, startPythonTestApp } from "../../../test/support/python-test-app.js";

const sha256Of = (bytes: Buffer | string) => createHash("sha256").update(bytes).digest("hex");

describe("python simple index and downloads", () => {
  let t: PythonTestApp;
  const wheel = buildWheel({ name: "Demo_Pkg", version: "1.0", requiresPython: ">=3.8" });
  const sdist = buildSdist({ name: "Demo_Pkg", version: "1.0" });
  const publish = (pkg: BuiltPackage) => publishFile(t.domain, LOCAL_ACTOR, { source: "py-local", filename: pkg.filename, body: Readable.from([pkg.bytes]) });

  beforeAll(async () => {
    t = await startPythonTestApp();
    t.setNow(new Date("2026-03-10T12:00:00Z"));
    await publish(wheel);
    await publish(sdist);
    t.setNow(new Date("2026-03-12T08:00:00Z"));
    await publish(buildWheel({ name: "later", version: "2.0" }));
  }, 60_000);
  afterAll(async () => {
    await t.close();
  });

  const get = (path: string, headers: Record<string, string> = {}) => t.app.request(path, { headers: { ...basic(t.tokens.reader), ...headers } });

  it("serves the project page as HTML with hashes, requires-python and PEP 714 core-metadata, relative links", async () => {
    const res = await get("/py/latest/simple/demo-pkg/", { accept: "text/html" });
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toBe("text/html; charset=utf-8");
    expect(res.headers.get("vary")).toMatch(/Accept/);
    const html = await res.text();
    const href = `../../files/${sha256Of(wheel.bytes)}/${wheel.filename}#sha256=${sha256Of(wheel.bytes)}`;
    expect(html).toContain(`href="${href}"`);
    expect(html).toContain('data-requires-python="&gt;=3.8"');
    expect(html).toContain(`data-core-metadata="sha256=${sha256Of(coreMetadataOf({ name: "Demo_Pkg", version: "1.0", requiresPython: ">=3.8" }))}"`);
    expect(html).not.toContain("dist-info-metadata");
    expect(html).toContain(sdist.filename);
  });

  it("negotiates PEP 691 JSON and the PEP 691 HTML type by Accept", async () => {
    const json = await get("/py/simple/demo-pkg/", { accept: "application/vnd.pypi.simple.v1+json, text/html;q=0.1" });
    expect(json.headers.get("content-type")).toBe(SIMPLE_JSON_CONTENT_TYPE);
    const body = (await json.json()) as { name: string; files: { filename: string; url: string; "core-metadata": unknown; yanked: boolean }[]; versions: string[] };
    expect(body.name).toBe("demo-pkg");
    expect(body.versions).toEqual(["1.0"]);
    const w = body.files.find((f) => f.filename === wheel.filename);
    expect(w).toMatchObject({ url: `../../files/${sha256Of(wheel.bytes)}/${wheel.filename}`, yanked: false, "core-metadata": { sha256: expect.any(String) } });
    const vnd = await get("/py/simple/demo-pkg/", { accept: SIMPLE_HTML_CONTENT_TYPE });
    expect(vnd.headers.get("content-type")).toBe(SIMPLE_HTML_CONTENT_TYPE);
  });

  it("lists every project on the root page and answers 304 to a matching ETag", async () => {
    const res = await get("/py/simple/");
    const html = await res.text();
    expect(html).toContain('<a href="demo-pkg/">Demo_Pkg</a>');
    expect(html).toContain('<a href="later/">later</a>');
    const etag = res.headers.get("etag") ?? "";
    expect((await get("/py/simple/", { "if-none-match": etag })).status).toBe(304);
    const json = await get("/py/simple/", { accept: SIMPLE_JSON_CONTENT_TYPE });
    expect(((await json.json()) as { projects: { name: string }[] }).projects.map((p) => p.name)).toEqual(["Demo_Pkg", "later"]);
  });

  it.each([
    ["/py/latest/simple/Demo.Pkg/", "../demo-pkg/"],
    ["/py/latest/simple/demo-pkg", "demo-pkg/"],
    ["/py/latest/simple/Demo_Pkg", "demo-pkg/"],
    ["/py/latest/simple", "simple/"],
  ])("redirects %s to %s (relative, so a /t/<token>/ prefix is kept but never echoed)", async (path, location) => {
    const res = await get(path);
    expect(res.status).toBe(301);
    expect(res.headers.get("location")).toBe(location);
  });

  it("answers 404 JSON for unknown projects and paths, 401/403 for missing or foreign credentials", async () => {
    const missing = await get("/py/simple/nope/");
    expect(missing.status).toBe(404);
    expect((await errorOf(missing)).message).toMatch(/no project 'nope'/);
    expect((await get("/py/latest/whatever")).status).toBe(404);
    const anonymous = await t.app.request("/py/simple/demo-pkg/");
    expect(anonymous.status).toBe(401);
    expect(anonymous.headers.get("www-authenticate")).toBe('Basic realm="py"');
    expect((await t.app.request("/py/simple/demo-pkg/", { headers: basic(t.tokens.otherReader) })).status).toBe(403);
  });

  it("serves a snapshot: files published after the date are absent", async () => {
    expect((await get("/py/2026-03-10/simple/demo-pkg/")).status).toBe(200);
    expect((await get("/py/2026-03-09/simple/demo-pkg/")).status).toBe(404);
    expect((await get("/py/2026-03-11/simple/later/")).status).toBe(404);
    expect((await get("/py/2026-03-12/simple/later/")).status).toBe(200);
    const root = await (await get("/py/2026-03-11/simple/")).text();
    expect(root).toContain("demo-pkg/");
    expect(root).not.toContain("later/");
    const laterUrl = `/files/${sha256Of(buildWheel({ name: "later", version: "2.0" }).bytes)}/later-2.0-py3-none-any.whl`;
    expect((await get(`/py/2026-03-11${laterUrl}`)).status).toBe(404);
    expect((await get(`/py/2026-03-12${laterUrl}`)).status).toBe(200);
    expect((await get(`/py/2026-02-30/simple/`)).status).toBe(404);
  });

  it("downloads a file with its type, length and digest ETag, and honours Range", async () => {
    const url = `/py/latest/files/${sha256Of(sdist.bytes)}/${sdist.filename}`;
    const full = await get(url);
    expect(full.status).toBe(200);
    expect(full.headers.get("content-type")).toBe("application/gzip");
    expect(full.headers.get("content-encoding")).toBeNull();
    expect(full.headers.get("content-length")).toBe(String(sdist.bytes.length));
    expect(full.headers.get("etag")).toBe(`"${sha256Of(sdist.bytes)}"`);
    expect(Buffer.from(await full.arrayBuffer()).equals(sdist.bytes)).toBe(true);
    const part = await get(url, { range: "bytes=10-19" });
    expect(part.status).toBe(206);
    expect(part.headers.get("content-range")).toBe(`bytes 10-19/${sdist.bytes.length}`);
    expect(Buffer.from(await part.arrayBuffer()).equals(sdist.bytes.subarray(10, 20))).toBe(true);
    const tail = await get(url, { range: "bytes=-5" });
    expect(Buffer.from(await tail.arrayBuffer()).equals(sdist.bytes.subarray(-5))).toBe(true);
    const beyond = await get(url, { range: `bytes=${sdist.bytes.length}-` });
    expect(beyond.status).toBe(416);
    expect(beyond.headers.get("content-range")).toBe(`bytes */${sdist.bytes.length}`);
    expect((await get(url, { "if-none-match": `"${sha256Of(sdist.bytes)}"` })).status).toBe(304);
    const head = await t.app.request(url, { method: "HEAD", headers: basic(t.tokens.reader) });
    expect(head.headers.get("content-length")).toBe(String(sdist.bytes.length));
  });

  it("serves the wheel's PEP 658 metadata matching the advertised hash, and 404s for mismatched names or digests", async () => {
    const sha = sha256Of(wheel.bytes);
    const meta = await get(`/py/files/${sha}/${wheel.filename}.metadata`);
    expect(meta.status).toBe(200);
    const text = await meta.text();
    expect(text).toContain("Requires-Python: >=3.8");
    expect((await get("/py/simple/demo-pkg/")).ok).toBe(true);
    const page = (await (await get("/py/simple/demo-pkg/", { accept: SIMPLE_JSON_CONTENT_TYPE })).json()) as { files: { filename: string; "core-metadata": unknown }[] };
    expect(page.files.find((f) => f.filename === wheel.filename)?.["core-metadata"]).toEqual({ sha256: sha256Of(text) });
    expect((await get(`/py/files/${sha256Of(sdist.bytes)}/${sdist.filename}.metadata`)).status).toBe(404);
    expect((await get(`/py/files/${sha}/${sdist.filename}`)).status).toBe(404);
    expect((await get(`/py/files/${"0".repeat(64)}/${wheel.filename}`)).status).toBe(404);
    expect((await get(`/py/files/not-a-digest/${wheel.filename}`)).status).toBe(404);
  });

  it("drops a project's cached page when a file is published into it", async () => {
    const before = await (await get("/py/simple/later/")).text();
    expect(before).not.toContain("later-2.1");
    await publish(buildWheel({ name: "later", version: "2.1" }));
    const after = await (await get("/py/simple/later/")).text();
    expect(after).toContain("later-2.1-py3-none-any.whl");
  });

  it("hides a private package from readers without access: absent from the root, 404 for its page and files", async () => {
    const secret = buildWheel({ name: "secret", version: "1.0" });
    await publish(secret);
    const url = `/py/files/${sha256Of(secret.bytes)}/${secret.filename}`;
    expect((await get("/py/simple/secret/")).status).toBe(200);
    await setPackageAccess(t.domain, LOCAL_ACTOR, { source: "py-local", name: "secret", private: true });
    expect((await get("/py/simple/secret/")).status).toBe(404);
    expect(await (await get("/py/simple/")).text()).not.toContain("secret/");
    expect((await get(url)).status).toBe(404);
  });
});
