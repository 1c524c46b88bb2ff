import { createHash } from "node:crypto";
import { gunzipSync } from "node:zlib";
import { parseDcf } from "@gatehouse/repo-index";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { type CranTestApp, createRepoWithSource, openCranTestApp } from "../../../test/support/cran-test-app.js";
import { makeRTarball } from "../../../test/support/make-r-tarball.js";

// One database for the file (opening one takes seconds); each test gets its own repo and source.
let t: CranTestApp;
let n = 0;
let cran = "";
let rsrc = "";
beforeAll(async () => {
  t = await openCranTestApp();
}, 60_000);
afterAll(async () => {
  await t?.close();
});
beforeEach(async () => {
  n++;
  cran = `cran${n}`;
  rsrc = `rsrc${n}`;
  t.setNow(new Date());
  await createRepoWithSource(t, { repo: cran, source: rsrc, type: "r" });
});

async function publish(pkg: string, version: string, fields: Record<string, string> = {}, source = rsrc, query = ""): Promise<Buffer> {
  const bytes = makeRTarball({ package: pkg, version, fields });
  const res = await t.upload(source, `${pkg}_${version}.tar.gz`, bytes, query);
  expect(res.status, await res.clone().text()).toBe(201);
  return bytes;
}

async function packagesOf(path: string): Promise<Record<string, string>[]> {
  const res = await t.app.request(path);
  expect(res.status).toBe(200);
  const parsed = parseDcf(await res.text());
  if (!parsed.ok) throw new Error(parsed.error.message);
  return parsed.value;
}

const sha256 = (b: Buffer) => createHash("sha256").update(b).digest("hex");
const md5 = (b: Buffer) => createHash("md5").update(b).digest("hex");

describe("R repos: PACKAGES", () => {
  it("lists the newest version of each package with its dependencies and digests", async () => {
    await publish("foo", "1.0");
    const foo11 = await publish("foo", "1.10", { Depends: "R (>= 4.0)", Suggests: "testthat" });
    await publish("foo", "1.9");
    await publish("bar", "0.1-2", { Imports: "foo (>= 1.0)", LinkingTo: "Rcpp", NeedsCompilation: "yes" });
    const entries = await packagesOf(`/${cran}/latest/src/contrib/PACKAGES`);
    expect(entries.map((e) => `${e.Package} ${e.Version}`)).toEqual(["bar 0.1-2", "foo 1.10"]);
    expect(entries[1]).toEqual({
      Package: "foo",
      Version: "1.10",
      Depends: "R (>= 4.0)",
      Suggests: "testthat",
      License: "MIT",
      MD5sum: md5(foo11),
      SHA256sum: sha256(foo11),
      NeedsCompilation: "no",
    });
    expect(entries[0]).toMatchObject({ Imports: "foo (>= 1.0)", LinkingTo: "Rcpp", NeedsCompilation: "yes" });
    expect(await packagesOf(`/${cran}/src/contrib/PACKAGES`)).toEqual(entries);
  });

  it("serves PACKAGES.gz precompressed (no Content-Encoding), the same bytes as PACKAGES' gzip encoding", async () => {
    await publish("foo", "1.0", { Suggests: Array.from({ length: 200 }, (_, i) => `pkg${i}`).join(", ") });
    const plain = await t.app.request(`/${cran}/latest/src/contrib/PACKAGES`);
    const gz = await t.app.request(`/${cran}/latest/src/contrib/PACKAGES.gz`, { headers: { "accept-encoding": "gzip" } });
    expect(gz.headers.get("content-type")).toBe("application/x-gzip");
    expect(gz.headers.get("content-encoding")).toBeNull();
    const gzBytes = Buffer.from(await gz.arrayBuffer());
    expect(gz.headers.get("content-length")).toBe(String(gzBytes.length));
    expect(gunzipSync(gzBytes).toString()).toBe(await plain.text());
    const encoded = await t.app.request(`/${cran}/latest/src/contrib/PACKAGES`, { headers: { "accept-encoding": "gzip" } });
    expect(encoded.headers.get("content-encoding")).toBe("gzip");
    expect(Buffer.from(await encoded.arrayBuffer())).toEqual(gzBytes);
    const again = await t.app.request(`/${cran}/latest/src/contrib/PACKAGES.gz`, { headers: { "if-none-match": gz.headers.get("etag") ?? "" } });
    expect(again.status).toBe(304);
  });

  it("renders again after each publish and removal, and only then", async () => {
    await publish("foo", "1.0");
    const first = await t.app.request(`/${cran}/latest/src/contrib/PACKAGES.rds`);
    const etag = first.headers.get("etag");
    expect((await t.app.request(`/${cran}/latest/src/contrib/PACKAGES.rds`)).headers.get("etag")).toBe(etag);
    await publish("foo", "2.0");
    expect((await packagesOf(`/${cran}/latest/src/contrib/PACKAGES`)).map((e) => e.Version)).toEqual(["2.0"]);
    expect((await t.app.request(`/${cran}/latest/src/contrib/PACKAGES.rds`)).headers.get("etag")).not.toBe(etag);
    const removed = await t.asAdmin(`/__api__/sources/${rsrc}/packages/foo?version=2.0`, { method: "DELETE" });
    expect(removed.status).toBe(200);
    expect((await packagesOf(`/${cran}/latest/src/contrib/PACKAGES`)).map((e) => e.Version)).toEqual(["1.0"]);
  });

  it("keeps latest, refreshed package by package, identical to a full read of the same files", async () => {
    // A far-future dated snapshot holds the same files but is always read whole.
    const same = async () => {
      const [a, b] = await Promise.all([t.app.request(`/${cran}/latest/src/contrib/PACKAGES`), t.app.request(`/${cran}/2999-12-31/src/contrib/PACKAGES`)]);
      const text = await a.text();
      expect(text).toBe(await b.text());
      return text;
    };
    expect(await same()).toBe("");
    await publish("zeta", "1.0");
    await publish("alpha", "1.0", { Imports: "zeta" });
    await same();
    await publish("alpha", "1.1");
    await publish("Beta", "0.1");
    await publish("alpha", "0.9");
    expect(await same()).toMatch(/^Package: Beta\n[\s\S]*Package: alpha\nVersion: 1.1\n[\s\S]*Package: zeta\n/);
    await t.asAdmin(`/__api__/sources/${rsrc}/packages/alpha?version=1.1`, { method: "DELETE" });
    await t.asAdmin(`/__api__/sources/${rsrc}/packages/zeta`, { method: "DELETE" });
    expect(await same()).not.toContain("Package: zeta");
    expect((await packagesOf(`/${cran}/latest/src/contrib/PACKAGES`)).map((e) => `${e.Package} ${e.Version}`)).toEqual(["Beta 0.1", "alpha 1.0"]);
  });

  it("serves a dated snapshot as it was at the end of that day", async () => {
    t.setNow(new Date("2024-01-10T12:00:00Z"));
    await publish("foo", "1.0");
    t.setNow(new Date("2024-02-10T12:00:00Z"));
    await publish("foo", "1.1");
    await publish("bar", "1.0");
    expect((await packagesOf(`/${cran}/2024-01-31/src/contrib/PACKAGES`)).map((e) => `${e.Package} ${e.Version}`)).toEqual(["foo 1.0"]);
    expect((await packagesOf(`/${cran}/2024-01-09/src/contrib/PACKAGES`)).length).toBe(0);
    expect((await packagesOf(`/${cran}/latest/src/contrib/PACKAGES`)).map((e) => `${e.Package} ${e.Version}`)).toEqual(["bar 1.0", "foo 1.1"]);
    expect((await t.app.request(`/${cran}/2024-01-31/src/contrib/foo_1.1.tar.gz`)).status).toBe(404);
    expect((await t.app.request(`/${cran}/2024-01-31/src/contrib/foo_1.0.tar.gz`)).status).toBe(200);
    expect((await t.app.request(`/${cran}/2024-02-30/src/contrib/PACKAGES`)).status).toBe(404);
  });
});

describe("R repos: downloads", () => {
  it("streams the newest from src/contrib and older ones from Archive/<pkg>/, with length, ETag and ranges", async () => {
    const old = await publish("foo", "1.0");
    const cur = await publish("foo", "1.1");
    const res = await t.app.request(`/${cran}/latest/src/contrib/foo_1.1.tar.gz`);
    expect(res.status).toBe(200);
    expect(res.headers.get("content-length")).toBe(String(cur.length));
    expect(res.headers.get("etag")).toBe(`"${sha256(cur)}"`);
    expect(Buffer.from(await res.arrayBuffer())).toEqual(cur);
    const archived = await t.app.request(`/${cran}/latest/src/contrib/Archive/foo/foo_1.0.tar.gz`);
    expect(Buffer.from(await archived.arrayBuffer())).toEqual(old);

    const part = await t.app.request(`/${cran}/latest/src/contrib/foo_1.1.tar.gz`, { headers: { range: "bytes=10-19" } });
    expect(part.status).toBe(206);
    expect(part.headers.get("content-range")).toBe(`bytes 10-19/${cur.length}`);
    expect(Buffer.from(await part.arrayBuffer())).toEqual(cur.subarray(10, 20));
    const stale = await t.app.request(`/${cran}/latest/src/contrib/foo_1.1.tar.gz`, { headers: { range: "bytes=10-19", "if-range": '"other"' } });
    expect(stale.status).toBe(200);
    await stale.arrayBuffer();
    const beyond = await t.app.request(`/${cran}/latest/src/contrib/foo_1.1.tar.gz`, { headers: { range: `bytes=${cur.length}-` } });
    expect(beyond.status).toBe(416);
    const cached = await t.app.request(`/${cran}/latest/src/contrib/foo_1.1.tar.gz`, { headers: { "if-none-match": `"${sha256(cur)}"` } });
    expect(cached.status).toBe(304);
    const head = await t.app.request(`/${cran}/latest/src/contrib/foo_1.1.tar.gz`, { method: "HEAD" });
    expect(head.headers.get("content-length")).toBe(String(cur.length));
  });

  it.each([
    ["latest/src/contrib/Archive/bar/foo_1.0.tar.gz", 404],
    ["latest/src/contrib/foo_9.9.tar.gz", 404],
    ["latest/src/contrib/..%2Ffoo_1.0.tar.gz", 404],
    ["latest/src/contrib/not-a-package.tar.gz", 404],
    ["latest/config.yaml", 404],
    ["latest/simple/", 404],
  ])("%s → %d", async (path, status) => {
    await publish("foo", "1.0");
    expect((await t.app.request(`/${cran}/${path}`)).status).toBe(status);
  });

  it("refuses writes on repo paths", async () => {
    expect((await t.app.request(`/${cran}/latest/src/contrib/PACKAGES`, { method: "PUT", body: "x" })).status).toBe(404);
  });

  it("asks for credentials on every path of an authenticated repo", async () => {
    await createRepoWithSource(t, { repo: `private${n}`, source: `psrc${n}`, type: "r", authenticated: true });
    for (const path of ["latest/src/contrib/PACKAGES.rds", "src/contrib/PACKAGES.gz", "latest/src/contrib/x_1.0.tar.gz"]) {
      const res = await t.app.request(`/private${n}/${path}`);
      expect(res.status).toBe(401);
      expect(res.headers.get("www-authenticate")).toBe(`Basic realm="private${n}"`);
    }
  });
});

describe("Bioconductor repos", () => {
  let bioc = "";
  let bsrc = "";
  beforeEach(async () => {
    bioc = `bioc${n}`;
    bsrc = `bsrc${n}`;
    await createRepoWithSource(t, { repo: bioc, source: bsrc, type: "bioconductor" });
  });

  it("serves config.yaml for BiocManager, with the configured release", async () => {
    const res = await t.app.request(`/${bioc}/latest/config.yaml`);
    expect(res.status).toBe(200);
    expect(await res.text()).toContain('release_version: "3.16"\ndevel_version: "3.17"\n');
    expect((await t.app.request(`/${bioc}/config.yaml`)).status).toBe(200);
  });

  it("serves each release's files under packages/<version>/bioc, the other sections empty", async () => {
    await publish("BiocFoo", "1.0", {}, bsrc);
    await publish("BiocOld", "0.5", {}, bsrc, "?bioc-version=3.15");
    const soft = await packagesOf(`/${bioc}/latest/packages/3.16/bioc/src/contrib/PACKAGES`);
    expect(soft.map((e) => e.Package)).toEqual(["BiocFoo"]);
    expect((await packagesOf(`/${bioc}/latest/packages/3.15/bioc/src/contrib/PACKAGES`)).map((e) => e.Package)).toEqual(["BiocOld"]);
    expect((await packagesOf(`/${bioc}/src/contrib/PACKAGES`)).map((e) => e.Package)).toEqual(["BiocFoo"]);
    for (const section of ["data/annotation", "data/experiment", "workflows", "books"]) {
      expect(await packagesOf(`/${bioc}/latest/packages/3.16/${section}/src/contrib/PACKAGES`)).toEqual([]);
      expect((await t.app.request(`/${bioc}/latest/packages/3.16/${section}/src/contrib/PACKAGES.rds`)).status).toBe(200);
    }
    expect((await t.app.request(`/${bioc}/latest/packages/3.16/bioc/src/contrib/BiocFoo_1.0.tar.gz`)).status).toBe(200);
    expect((await t.app.request(`/${bioc}/latest/packages/3.15/bioc/src/contrib/BiocFoo_1.0.tar.gz`)).status).toBe(404);
    expect((await t.app.request(`/${bioc}/latest/packages/3.16/workflows/src/contrib/BiocFoo_1.0.tar.gz`)).status).toBe(404);
  });
});

describe("R repos: what a viewer sees comes from the catalog", () => {
  it("keeps a private package out of PACKAGES and answers 404 for its tarball, for anonymous callers of a public repo", async () => {
    await publish("open", "1.0");
    await publish("secret", "1.0");
    const access = await t.asAdmin(`/__api__/sources/${rsrc}/packages/secret/access`, {
      method: "PUT",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ private: true }),
    });
    expect(access.status, await access.clone().text()).toBe(200);
    for (const index of ["PACKAGES", "PACKAGES.gz"]) {
      const res = await t.app.request(`/${cran}/latest/src/contrib/${index}`);
      const text = index.endsWith(".gz") ? gunzipSync(Buffer.from(await res.arrayBuffer())).toString() : await res.text();
      expect(text).toContain("Package: open");
      expect(text).not.toContain("secret");
    }
    for (const path of ["src/contrib/secret_1.0.tar.gz", "src/contrib/Archive/secret/secret_1.0.tar.gz"]) {
      expect((await t.app.request(`/${cran}/latest/${path}`)).status).toBe(404);
      expect((await t.asAdmin(`/${cran}/latest/${path}`)).status).toBe(200);
    }
    expect((await t.asAdmin(`/${cran}/latest/src/contrib/PACKAGES`).then((r) => r.text())).includes("Package: secret")).toBe(true);
  });

  it("leaves blocked versions out of PACKAGES (the newest allowed one is listed) and refuses their download with the reason", async () => {
    await publish("foo", "1.0");
    await publish("foo", "2.0");
    const rule = await t.asAdmin("/__api__/blocklist-rules", {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ name: "foo", versions: ">= 2.0", repo: cran, reason: "CVE-2026-0002: broken" }),
    });
    expect(rule.status, await rule.clone().text()).toBe(201);
    const entries = await packagesOf(`/${cran}/latest/src/contrib/PACKAGES`);
    expect(entries.map((e) => `${e.Package} ${e.Version}`)).toEqual(["foo 1.0"]);
    const blocked = await t.app.request(`/${cran}/latest/src/contrib/foo_2.0.tar.gz`);
    expect(blocked.status).toBe(403);
    expect(await blocked.json()).toMatchObject({ error: { code: "BLOCKED", message: expect.stringContaining("CVE-2026-0002: broken") } });
    expect((await t.app.request(`/${cran}/latest/src/contrib/Archive/foo/foo_1.0.tar.gz`)).status).toBe(200);
  });
});
