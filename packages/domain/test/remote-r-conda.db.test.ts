import { createHash } from "node:crypto";
import { gzipSync } from "node:zlib";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type Domain, LOCAL_ACTOR, createRepo, createSource, subscribe } from "../src/index.js";
import { testDatabases } from "./databases.js";
import { type LoopbackUpstream, startLoopbackUpstream } from "./loopback-upstream.js";

const md5 = (b: Buffer) => createHash("md5").update(b).digest("hex");
const sha256 = (b: Buffer) => createHash("sha256").update(b).digest("hex");
const DAY = 86_400_000;
// The bytes are never inspected by a mirror (only verified against the index), so any will do.
const bytes = (label: string) => Buffer.from(`${label} ${"x".repeat(200)}`);
const entry = (pkg: string, version: string, body: Buffer, extra = "") => `Package: ${pkg}\nVersion: ${version}\n${extra}MD5sum: ${md5(body)}\n`;
const condaRecord = (name: string, body: Buffer, digests: { sha256?: boolean } = {}) => ({
  name,
  version: "1.0",
  build: "0",
  build_number: 0,
  depends: [],
  md5: md5(body),
  size: body.length,
  ...(digests.sha256 === false ? {} : { sha256: sha256(body) }),
});

describe.each(testDatabases)("remote R, Bioconductor and conda sources on $name", (database) => {
  let domain: Domain;
  let up: LoopbackUpstream;
  let clock = new Date("2024-05-01T10:00:00Z");
  const advance = (ms: number) => {
    clock = new Date(clock.getTime() + ms);
  };

  beforeAll(async () => {
    up = await startLoopbackUpstream();
    domain = await database.open({
      now: () => clock,
      settings: { biocRelease: "3.16", upstream: { allowPrivate: true, indexTtlSeconds: 60, timeoutSeconds: 2, secret: () => undefined } },
    });
  }, 60_000);
  afterAll(async () => {
    await domain?.close();
    await up?.close();
  });

  async function mirrorRepo(name: string, kind: "r" | "bioconductor" | "conda", upstream: string): Promise<void> {
    await createSource(domain, LOCAL_ACTOR, { name: `${name}-up`, kind, upstream });
    await createRepo(domain, LOCAL_ACTOR, { name, type: kind });
    await subscribe(domain, LOCAL_ACTOR, { repo: name, source: `${name}-up` });
  }
  const reader = (repo: string) => domain.catalog.reader(LOCAL_ACTOR, repo);
  const names = (rows: { filename: string }[]) => rows.map((r) => r.filename).sort();

  describe("a CRAN-like upstream", () => {
    const base = bytes("ghbase 1.0");
    const old = bytes("ghold 0.1");
    const newer = bytes("ghold 0.2");
    const day1 = new Date("2024-05-01T23:59:59.999Z");

    beforeAll(async () => {
      up.set("/cran/src/contrib/PACKAGES.gz", gzipSync(`${entry("ghbase", "1.0", base, "Imports: utils\n")}\n${entry("ghold", "0.1", old)}`));
      up.set("/cran/src/contrib/ghbase_1.0.tar.gz", base);
      up.set("/cran/src/contrib/ghold_0.1.tar.gz", old);
      await mirrorRepo("cranm", "r", `${up.url}/cran/`);
    });

    it("mirrors the whole PACKAGES index as rows on first read, once per TTL, without fetching any file", async () => {
      const r = await reader("cranm");
      await Promise.all([r.refreshMirrorIndex({ kind: "cran" }, null), r.refreshMirrorIndex({ kind: "cran" }, null)]);
      await r.refreshMirrorIndex({ kind: "cran" }, null);
      expect(up.count("/cran/src/contrib/PACKAGES.gz")).toBe(1);
      const rows = await r.files(null);
      expect(names(rows)).toEqual(["ghbase_1.0.tar.gz", "ghold_0.1.tar.gz"]);
      expect(rows.find((f) => f.project === "ghbase")).toMatchObject({ md5: md5(base), sha256: "", kind: "r-source", metadata: { fields: { Package: "ghbase", Version: "1.0", Imports: "utils" } } });
      expect(up.count("/cran/src/contrib/ghbase_1.0.tar.gz")).toBe(0);
    });

    it("fetches a file once for concurrent first downloads, verifies its MD5, stores it and learns its sha256", async () => {
      const r = await reader("cranm");
      const found = await Promise.all([1, 2, 3].map(() => r.find(null, { filename: "ghbase_1.0.tar.gz" })));
      expect(up.count("/cran/src/contrib/ghbase_1.0.tar.gz")).toBe(1);
      for (const f of found) expect(f).toMatchObject({ kind: "file", file: { sha256: sha256(base), size: base.length } });
      expect(await domain.blobs.readBytes(sha256(base))).toEqual(base);
      const row = (await r.files(null, { project: "ghbase" }))[0];
      expect(row?.sha256).toBe(sha256(base));
    });

    it("asks an unchanged index again with its ETag after the TTL: a 304 costs no download and changes nothing", async () => {
      advance(120_000);
      const r = await reader("cranm");
      await r.refreshMirrorIndex({ kind: "cran" }, null);
      expect(up.notModified).toContain("/cran/src/contrib/PACKAGES.gz");
      expect(names(await r.files(null))).toEqual(["ghbase_1.0.tar.gz", "ghold_0.1.tar.gz"]);
    });

    it("keeps a superseded version (fetched from Archive/ when asked) and answers dated reads with what it had seen then", async () => {
      advance(2 * DAY);
      up.set("/cran/src/contrib/PACKAGES.gz", gzipSync(`${entry("ghbase", "1.0", base)}\n${entry("ghold", "0.2", newer)}`));
      up.remove("/cran/src/contrib/ghold_0.1.tar.gz");
      up.set("/cran/src/contrib/Archive/ghold/ghold_0.1.tar.gz", old);
      up.set("/cran/src/contrib/ghold_0.2.tar.gz", newer);
      const r = await reader("cranm");
      await r.refreshMirrorIndex({ kind: "cran" }, null);
      expect(names(await r.files(null))).toEqual(["ghbase_1.0.tar.gz", "ghold_0.1.tar.gz", "ghold_0.2.tar.gz"]);
      expect(names(await r.files(day1))).toEqual(["ghbase_1.0.tar.gz", "ghold_0.1.tar.gz"]);
      // A past date is never asked of the upstream.
      const before = up.requests.length;
      await r.refreshMirrorIndex({ kind: "cran" }, day1);
      expect(up.requests.length).toBe(before);
      expect(await r.find(null, { filename: "ghold_0.1.tar.gz" })).toMatchObject({ kind: "file", file: { sha256: sha256(old) } });
      expect(up.count("/cran/src/contrib/Archive/ghold/ghold_0.1.tar.gz")).toBe(1);
    });

    it("refuses bytes whose MD5 differs from the index, caching nothing, on every try", async () => {
      const wrong = bytes("not what the index says");
      up.set("/bad/src/contrib/PACKAGES", entry("ghbad", "1.0", bytes("the real one")));
      up.set("/bad/src/contrib/ghbad_1.0.tar.gz", wrong);
      await mirrorRepo("badm", "r", `${up.url}/bad`);
      const r = await reader("badm");
      await r.refreshMirrorIndex({ kind: "cran" }, null);
      for (let i = 0; i < 2; i++) {
        await expect(r.find(null, { filename: "ghbad_1.0.tar.gz" })).rejects.toMatchObject({ code: "UPSTREAM_FAILED", message: expect.stringMatching(/MD5 .* nothing was cached/) });
      }
      expect(await domain.blobs.stat(sha256(wrong))).toBeNull();
      expect((await r.files(null))[0]?.sha256).toBe("");
    });

    it("refuses an index that is not a PACKAGES file, and a repo without one, naming the upstream", async () => {
      up.set("/garbage/src/contrib/PACKAGES.gz", gzipSync("<html>\n<body>a login page</body>\n</html>\n"));
      await mirrorRepo("garbm", "r", `${up.url}/garbage/`);
      await expect((await reader("garbm")).refreshMirrorIndex({ kind: "cran" }, null)).rejects.toMatchObject({ code: "UPSTREAM_FAILED", message: expect.stringContaining(new URL(up.url).host) });
      await mirrorRepo("nonem", "r", `${up.url}/nothing-here/`);
      await expect((await reader("nonem")).refreshMirrorIndex({ kind: "cran" }, null)).rejects.toMatchObject({ code: "UPSTREAM_FAILED", message: expect.stringMatching(/no src\/contrib\/PACKAGES/) });
    });

    it("keeps serving what it cached while the upstream is down; uncached files and indexes are UPSTREAM_FAILED", async () => {
      const other = await startLoopbackUpstream(0);
      const kept = bytes("ghkept");
      other.set("/src/contrib/PACKAGES", `${entry("ghkept", "1.0", kept)}\n${entry("ghnever", "1.0", bytes("ghnever"))}`);
      other.set("/src/contrib/ghkept_1.0.tar.gz", kept);
      await mirrorRepo("downm", "r", other.url);
      const first = await reader("downm");
      await first.refreshMirrorIndex({ kind: "cran" }, null);
      await first.find(null, { filename: "ghkept_1.0.tar.gz" });
      await other.close();
      advance(120_000);
      const r = await reader("downm");
      await r.refreshMirrorIndex({ kind: "cran" }, null);
      expect(await r.find(null, { filename: "ghkept_1.0.tar.gz" })).toMatchObject({ kind: "file", file: { sha256: sha256(kept) } });
      await expect(r.find(null, { filename: "ghnever_1.0.tar.gz" })).rejects.toMatchObject({ code: "UPSTREAM_FAILED", message: expect.stringContaining(new URL(other.url).host) });
      await createSource(domain, LOCAL_ACTOR, { name: "dead-up", kind: "r", upstream: other.url });
      await subscribe(domain, LOCAL_ACTOR, { repo: "downm", source: "dead-up" });
      await expect((await reader("downm")).refreshMirrorIndex({ kind: "cran" }, null)).rejects.toMatchObject({ code: "UPSTREAM_FAILED" });
    });

    it("syncs one package or all of them, resumably, and a dry run fetches nothing", async () => {
      const dry = await domain.catalog.syncProject(LOCAL_ACTOR, "cranm-up", "ghold", { dryRun: true });
      expect(dry).toMatchObject({ project: "ghold", files: 2, fetched: 1, present: 1, failed: [] });
      expect(up.count("/cran/src/contrib/ghold_0.2.tar.gz")).toBe(0);
      expect(await domain.catalog.upstreamProjects(LOCAL_ACTOR, "cranm-up")).toEqual(["ghbase", "ghold"]);
      expect(await domain.catalog.syncProject(LOCAL_ACTOR, "cranm-up", "ghold")).toMatchObject({ files: 2, fetched: 1, present: 1, bytes: newer.length });
      expect(await domain.catalog.syncProject(LOCAL_ACTOR, "cranm-up", "ghold")).toMatchObject({ fetched: 0, present: 2 });
    });
  });

  describe("a Bioconductor mirror", () => {
    const soft = bytes("ghbioc");
    const anno = bytes("ghanno");
    beforeAll(async () => {
      up.set("/bioc/config.yaml", 'release_version: "3.16"\ndevel_version: "3.17"\n');
      up.set("/bioc/packages/3.16/bioc/src/contrib/PACKAGES", entry("ghbioc", "1.4.0", soft, "Imports: ghanno\n"));
      up.set("/bioc/packages/3.16/bioc/src/contrib/ghbioc_1.4.0.tar.gz", soft);
      up.set("/bioc/packages/3.16/data/annotation/src/contrib/PACKAGES.gz", gzipSync(entry("ghanno", "1.0.0", anno)));
      up.set("/bioc/packages/3.16/data/annotation/src/contrib/ghanno_1.0.0.tar.gz", anno);
      await mirrorRepo("biocm", "bioconductor", `${up.url}/bioc/`);
    });

    it("files each section's packages under its release and section; a section the mirror lacks is empty", async () => {
      const r = await reader("biocm");
      for (const section of ["bioc", "data/annotation", "books"] as const) await r.refreshMirrorIndex({ kind: "bioc", version: "3.16", section }, null);
      expect(names(await r.files(null, { biocVersion: "3.16", biocSection: "bioc" }))).toEqual(["ghbioc_1.4.0.tar.gz"]);
      expect(names(await r.files(null, { biocVersion: "3.16", biocSection: "data/annotation" }))).toEqual(["ghanno_1.0.0.tar.gz"]);
      expect(await r.files(null, { biocVersion: "3.16", biocSection: "books" })).toEqual([]);
      expect(await r.find(null, { filename: "ghanno_1.0.0.tar.gz", biocVersion: "3.16", biocSection: "data/annotation" })).toMatchObject({ kind: "file", file: { sha256: sha256(anno) } });
    });

    it("syncs every section of the served release, checking the mirror's config.yaml", async () => {
      expect(await domain.catalog.upstreamProjects(LOCAL_ACTOR, "biocm-up")).toEqual(["ghanno", "ghbioc"]);
      expect(up.count("/bioc/config.yaml")).toBe(1);
      expect(await domain.catalog.syncProject(LOCAL_ACTOR, "biocm-up", "ghbioc")).toMatchObject({ files: 1, fetched: 1, present: 0 });
      await createSource(domain, LOCAL_ACTOR, { name: "notbioc", kind: "bioconductor", upstream: `${up.url}/cran/` });
      await expect(domain.catalog.upstreamProjects(LOCAL_ACTOR, "notbioc")).rejects.toMatchObject({ code: "UPSTREAM_FAILED", message: expect.stringMatching(/config\.yaml/) });
    });
  });

  it("says when a mirrored python project needs no upstream read (the server's fast path serves its cached page then)", async () => {
    const page = { meta: { "api-version": "1.0" }, name: "fresh", files: [{ filename: "fresh-1.0-py3-none-any.whl", url: "../../f/fresh-1.0-py3-none-any.whl", hashes: { sha256: "d".repeat(64) } }] };
    up.set("/simple/fresh/", JSON.stringify(page));
    await createSource(domain, LOCAL_ACTOR, { name: "pym-up", kind: "python", upstream: `${up.url}/simple/` });
    await createRepo(domain, LOCAL_ACTOR, { name: "pym", type: "python" });
    await subscribe(domain, LOCAL_ACTOR, { repo: "pym", source: "pym-up" });
    const r = await reader("pym");
    expect(r.mirrorsFresh("fresh")).toBe(false);
    await r.refreshMirrors("fresh", null);
    expect(r.mirrorsFresh("fresh")).toBe(true);
    expect(r.mirrorsFresh("other")).toBe(false);
    advance(61_000);
    expect(r.mirrorsFresh("fresh")).toBe(false);
  });

  describe("a conda channel", () => {
    const app = bytes("app");
    const lib = bytes("lib");
    beforeAll(async () => {
      const repodata = {
        info: { subdir: "noarch" },
        packages: { "app-1.0-0.tar.bz2": condaRecord("app", app) },
        "packages.conda": { "lib-1.0-0.conda": condaRecord("lib", lib, { sha256: false }) },
      };
      up.set("/chan/noarch/repodata.json", JSON.stringify(repodata));
      up.set("/chan/noarch/app-1.0-0.tar.bz2", app);
      up.set("/chan/noarch/lib-1.0-0.conda", lib);
      await mirrorRepo("condam", "conda", `${up.url}/chan`);
    });

    it("mirrors a subdir's repodata as main-labelled rows; a subdir the channel lacks is empty", async () => {
      const r = await reader("condam");
      await r.refreshMirrorIndex({ kind: "conda", subdir: "noarch" }, null);
      await r.refreshMirrorIndex({ kind: "conda", subdir: "linux-64" }, null);
      const rows = await r.files(null, { label: "main", subdir: "noarch" });
      expect(names(rows)).toEqual(["app-1.0-0.tar.bz2", "lib-1.0-0.conda"]);
      expect(rows.find((f) => f.project === "app")).toMatchObject({ sha256: sha256(app), md5: md5(app), size: app.length, subdir: "noarch" });
      expect(await r.files(null, { subdir: "linux-64" })).toEqual([]);
    });

    it("verifies downloads (sha256, or md5 when that is all the record has) and completes the record's sha256", async () => {
      const r = await reader("condam");
      expect(await r.find(null, { subdir: "noarch", filename: "app-1.0-0.tar.bz2" })).toMatchObject({ kind: "file", file: { sha256: sha256(app) } });
      expect(await r.find(null, { subdir: "noarch", filename: "lib-1.0-0.conda" })).toMatchObject({ kind: "file", file: { sha256: sha256(lib) } });
      const row = (await r.files(null, { subdir: "noarch", filename: "lib-1.0-0.conda" }))[0];
      expect((row?.metadata as { record: { sha256?: string } }).record.sha256).toBe(sha256(lib));
    });

    it("syncs the channel's noarch (and the subdirs its channeldata lists)", async () => {
      up.set("/chan/channeldata.json", JSON.stringify({ subdirs: ["noarch", "linux-64"] }));
      expect(await domain.catalog.upstreamProjects(LOCAL_ACTOR, "condam-up")).toEqual(["app", "lib"]);
      expect(up.count("/chan/linux-64/repodata.json")).toBeGreaterThanOrEqual(2);
      expect(await domain.catalog.syncProject(LOCAL_ACTOR, "condam-up", "APP", { dryRun: true })).toMatchObject({ project: "app", files: 1, present: 1, fetched: 0 });
    });
  });
});
