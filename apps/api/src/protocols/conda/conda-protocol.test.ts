import { createHash } from "node:crypto";
import { gunzipSync } from "node:zlib";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type BuiltCondaPackage, type CondaTestApp, buildCondaPackage, openCondaTestApp } from "../../../test/support/conda-test-app.js";

interface Repodata {
  info: { subdir: string };
  packages: Record<string, Record<string, unknown>>;
  "packages.conda": Record<string, Record<string, unknown>>;
}

const APP = buildCondaPackage({ name: "app", version: "1.0", depends: ["lib >=1"] });
const LIB1 = buildCondaPackage({ name: "lib", version: "1.0", subdir: "linux-64" });
const LIB2 = buildCondaPackage({ name: "lib", version: "2.0", subdir: "linux-64" });
const SECRET = buildCondaPackage({ name: "secret", version: "1.0" });
const BULK = Array.from({ length: 6 }, (_, i) => buildCondaPackage({ name: `bulk${i}`, version: "1.0", depends: ["app"] }));

function sha256(bytes: Buffer): string {
  return createHash("sha256").update(bytes).digest("hex");
}

describe("conda channel protocol", { timeout: 30_000 }, () => {
  let t: CondaTestApp;
  let reader = "";
  let otherReader = "";
  const bearer = (token: string): RequestInit => ({ headers: { authorization: `Bearer ${token}` } });

  async function upload(pkg: BuiltCondaPackage, label?: string): Promise<void> {
    const res = await t.asAdmin(`/__api__/sources/conda-src/files/${pkg.filename}${label ? `?label=${label}` : ""}`, { method: "PUT", body: pkg.bytes });
    expect(res.status, await res.clone().text()).toBe(201);
  }

  async function repodata(path: string, token = reader): Promise<Repodata> {
    const res = await t.app.request(path, bearer(token));
    expect(res.status, path).toBe(200);
    return (await res.json()) as Repodata;
  }

  beforeAll(async () => {
    t = await openCondaTestApp();
    await t.adminJson("POST", "/__api__/sources", { name: "conda-src", kind: "conda" });
    for (const repo of ["chan", "public-chan"]) {
      await t.adminJson("POST", "/__api__/repos", { name: repo, type: "conda", authenticated: repo === "chan" });
      await t.adminJson("POST", `/__api__/repos/${repo}/subscriptions`, { source: "conda-src" });
    }
    const tokenFor = async (repos: string) => (await t.adminJson<{ token: string }>("POST", "/__api__/tokens", { scopes: "repos:read", repos, description: "reads", user: "reader" })).token;
    reader = await tokenFor("chan");
    otherReader = await tokenFor("public-chan");
    await upload(APP);
    await upload(LIB1);
    await upload(LIB2, "dev");
    await upload(SECRET);
    for (const pkg of BULK) await upload(pkg, "bulk");
  }, 60_000);
  afterAll(async () => {
    await t?.close();
  });

  it("serves repodata.json per subdir with complete records, main label by default", async () => {
    const noarch = await repodata("/chan/noarch/repodata.json");
    expect(noarch.info).toEqual({ subdir: "noarch" });
    expect(noarch["packages.conda"]).toEqual({});
    expect(noarch.packages[APP.filename]).toEqual({
      build: "0",
      build_number: 0,
      constrains: [],
      depends: ["lib >=1"],
      license: "MIT",
      md5: createHash("md5").update(APP.bytes).digest("hex"),
      name: "app",
      sha256: sha256(APP.bytes),
      size: APP.bytes.length,
      subdir: "noarch",
      timestamp: 1_700_000_000_000,
      version: "1.0",
    });
    expect(Object.keys((await repodata("/chan/latest/linux-64/repodata.json")).packages)).toEqual([LIB1.filename]);
    expect(Object.keys((await repodata("/chan/label/dev/linux-64/repodata.json")).packages)).toEqual([LIB2.filename]);
    expect(await repodata("/chan/latest/label/dev/noarch/repodata.json")).toMatchObject({ info: { subdir: "noarch" }, packages: {} });
    expect(await repodata("/chan/osx-arm64/repodata.json")).toMatchObject({ info: { subdir: "osx-arm64" }, packages: {}, "packages.conda": {} });
    expect(Object.keys((await repodata("/chan/linux-64/current_repodata.json")).packages)).toEqual([LIB1.filename]);
  });

  it("serves channeldata.json with the newest version, about fields and subdirs (noarch always)", async () => {
    const res = await t.app.request("/chan/channeldata.json", bearer(reader));
    const body = (await res.json()) as { packages: Record<string, Record<string, unknown>>; subdirs: string[] };
    expect(body.subdirs).toEqual(["linux-64", "noarch"]);
    expect(body.packages.app).toMatchObject({ version: "1.0", subdirs: ["noarch"], summary: "app for tests", home: "https://example.com" });
    expect(body.packages.lib).toMatchObject({ version: "1.0", subdirs: ["linux-64"] });
    const dev = (await (await t.app.request("/chan/label/dev/channeldata.json", bearer(reader))).json()) as typeof body;
    expect(Object.keys(dev.packages)).toEqual(["lib"]);
    expect(dev.subdirs).toEqual(["linux-64", "noarch"]);
  });

  it("answers gzip to clients that accept it, 304 on a matching ETag, and a new ETag after a label move", async () => {
    const gz = await t.app.request("/chan/label/bulk/noarch/repodata.json", { headers: { authorization: `Bearer ${reader}`, "accept-encoding": "gzip, br" } });
    expect(gz.headers.get("content-encoding")).toBe("gzip");
    expect(Object.keys(JSON.parse(gunzipSync(Buffer.from(await gz.arrayBuffer())).toString()).packages)).toEqual(BULK.map((p) => p.filename));
    const etag = (await t.app.request("/chan/noarch/repodata.json", bearer(reader))).headers.get("etag") ?? "";
    const again = await t.app.request("/chan/noarch/repodata.json", { headers: { authorization: `Bearer ${reader}`, "if-none-match": etag } });
    expect(again.status).toBe(304);

    const moved = await t.adminJson<{ added: string[]; removed: string[] }>("POST", `/__api__/sources/conda-src/files/${APP.filename}/labels`, { add: ["dev"], remove: ["main"] });
    expect(moved).toMatchObject({ added: ["dev"], removed: ["main"] });
    const after = await t.app.request("/chan/noarch/repodata.json", { headers: { authorization: `Bearer ${reader}`, "if-none-match": etag } });
    expect(after.status).toBe(200);
    expect(Object.keys(((await after.json()) as Repodata).packages)).toEqual([SECRET.filename]);
    expect(Object.keys((await repodata("/chan/label/dev/noarch/repodata.json")).packages)).toEqual([APP.filename]);
    await t.adminJson("POST", `/__api__/sources/conda-src/files/${APP.filename}/labels`, { add: ["main"], remove: ["dev"] });
    expect(Object.keys((await repodata("/chan/noarch/repodata.json")).packages)).toEqual([APP.filename, SECRET.filename]);
  });

  it("streams downloads with length, ETag and ranges; wrong label or removed → 404", async () => {
    const full = await t.app.request(`/chan/noarch/${APP.filename}`, bearer(reader));
    expect(full.status).toBe(200);
    expect(full.headers.get("content-length")).toBe(String(APP.bytes.length));
    expect(full.headers.get("etag")).toBe(`"${sha256(APP.bytes)}"`);
    expect(sha256(Buffer.from(await full.arrayBuffer()))).toBe(sha256(APP.bytes));
    const part = await t.app.request(`/chan/noarch/${APP.filename}`, { headers: { authorization: `Bearer ${reader}`, range: "bytes=0-9" } });
    expect(part.status).toBe(206);
    expect(Buffer.from(await part.arrayBuffer())).toEqual(APP.bytes.subarray(0, 10));
    const head = await t.app.request(`/chan/noarch/${APP.filename}`, { method: "HEAD", headers: { authorization: `Bearer ${reader}` } });
    expect([head.status, head.headers.get("content-length")]).toEqual([200, String(APP.bytes.length)]);

    expect((await t.app.request(`/chan/linux-64/${LIB2.filename}`, bearer(reader))).status).toBe(404);
    expect((await t.app.request(`/chan/label/dev/linux-64/${LIB2.filename}`, bearer(reader))).status).toBe(200);
    expect((await t.app.request(`/chan/noarch/${LIB1.filename}`, bearer(reader))).status).toBe(404);

    t.setNow(new Date("2026-03-05T10:00:00Z"));
    expect((await t.asAdmin("/__api__/sources/conda-src/packages/lib?version=1.0", { method: "DELETE" })).status).toBe(200);
    expect((await t.app.request(`/chan/linux-64/${LIB1.filename}`, bearer(reader))).status).toBe(404);
    expect((await t.app.request(`/chan/2026-03-04/linux-64/${LIB1.filename}`, bearer(reader))).status).toBe(200);
    expect(Object.keys((await repodata("/chan/2026-03-04/linux-64/repodata.json")).packages)).toEqual([LIB1.filename]);
    expect((await repodata("/chan/linux-64/repodata.json")).packages).toEqual({});
    expect(Object.keys((await repodata("/chan/2026-02-28/noarch/repodata.json")).packages)).toEqual([]);
  });

  it("answers probes for variants it does not serve with 404 to an authorized client, 401/403 otherwise", async () => {
    const probes = [
      "/chan/noarch/repodata_shards.msgpack.zst",
      "/chan/linux-64/repodata.json.zst",
      "/chan/linux-64/repodata.json.bz2",
      "/chan/noarch/repodata.jlap",
      "/chan/label/dev/noarch/repodata.json.zst",
      "/chan/2026-02-30/noarch/repodata.json",
      "/chan/noarch/nothing-1.0-0.conda",
    ];
    for (const path of probes) {
      const res = await t.app.request(path, bearer(reader));
      expect(res.status, path).toBe(404);
      expect(((await res.json()) as { error: { code: string } }).error.code, path).toMatch(/NOT_FOUND/);
      const anonymous = await t.app.request(path);
      expect(anonymous.status, path).toBe(401);
      expect(anonymous.headers.get("www-authenticate")).toBe('Basic realm="chan"');
      expect((await t.app.request(path, bearer(otherReader))).status, path).toBe(403);
    }
    expect((await t.app.request(`/t/${reader}/chan/noarch/repodata.json`)).status).toBe(200);
    expect((await t.app.request("/chan/noarch/repodata.json", { method: "POST" })).status).toBe(401);
    expect((await t.app.request("/chan/noarch/repodata.json", { method: "POST", headers: { authorization: `Bearer ${reader}` } })).status).toBe(404);
  });

  it("hides private packages from viewers without access: absent from repodata, 404 on download", async () => {
    await t.domain.db.updateTable("packages").set({ private: true }).where("project", "=", "secret").execute();
    t.domain.bus.publish({ kind: "access" });
    const anonymous = (await (await t.app.request("/public-chan/noarch/repodata.json")).json()) as Repodata;
    expect(Object.keys(anonymous.packages)).toEqual([APP.filename]);
    expect((await t.app.request(`/public-chan/noarch/${SECRET.filename}`)).status).toBe(404);
    const admin = (await (await t.asAdmin("/public-chan/noarch/repodata.json")).json()) as Repodata;
    expect(Object.keys(admin.packages)).toEqual([APP.filename, SECRET.filename]);
    expect((await t.asAdmin(`/public-chan/noarch/${SECRET.filename}`)).status).toBe(200);
  });

  it("edits labels over the API with validation and write access", async () => {
    const path = `/__api__/sources/conda-src/files/${APP.filename}/labels`;
    const post = (body: unknown, headers: Record<string, string> = {}) =>
      t.app.request(path, { method: "POST", headers: { "content-type": "application/json", ...headers }, body: JSON.stringify(body) }, { local: false });
    expect((await post({ add: ["dev"] })).status).toBe(401);
    expect((await post({ add: ["dev"] }, { authorization: `Bearer ${reader}` })).status).toBe(403);
    const bad = await t.asAdmin(path, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify({}) });
    expect(bad.status).toBe(400);
    const missing = await t.asAdmin(path, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify({ remove: ["nope"] }) });
    expect([missing.status, ((await missing.json()) as { error: { field: string } }).error.field]).toEqual([404, "remove"]);
  });
});
