import { createHash } from "node:crypto";
import { mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { hasClient } from "../support/clients.js";
import { type CondaPackageFile, buildWithCph } from "../support/conda-packages.js";
import { solveWithRattler } from "../support/conda-rattler.js";
import { type RunningGatehouse, startGatehouse } from "../support/gatehouse.js";
import { adminApi } from "../support/python-clients.js";
import { biocReleaseForR, buildRPackage, installedRVersion, makeRHome, rString, runR } from "../support/r-client.js";
import { shiftedClockEnv } from "../support/r-clock.js";
import { type StaticFolderUpstream, startStaticFolder } from "../support/static-upstream.js";

const ready = hasClient("Rscript") && hasClient("curl") && hasClient("cph", ["--help"]) && hasClient("Rscript", ["-e", "stopifnot(requireNamespace('BiocManager', quietly = TRUE))"]);
const DAY = 86_400_000;
const md5 = (bytes: Buffer) => createHash("md5").update(bytes).digest("hex");
const sha256 = (bytes: Buffer) => createHash("sha256").update(bytes).digest("hex");

/** A PACKAGES record as CRAN writes it (only MD5sum: the mirror learns each sha256 when it fetches the file). */
function packagesEntry(pkg: string, version: string, bytes: Buffer, imports?: string): string {
  return `Package: ${pkg}\nVersion: ${version}\n${imports ? `Imports: ${imports}\n` : ""}NeedsCompilation: no\nMD5sum: ${md5(bytes)}\n`;
}

function condaRecord(file: CondaPackageFile, version: string, extra: Record<string, unknown> = {}): Record<string, unknown> {
  const bytes = readFileSync(file.path);
  return { name: "ghmirapp", version, build: "0", build_number: 0, depends: [], subdir: "noarch", md5: md5(bytes), sha256: file.sha256, size: bytes.length, ...extra };
}

/**
 * Pull-through mirrors of a CRAN-like repo, a Bioconductor mirror and a conda
 * channel, served offline by one static upstream on loopback, read by real R
 * (install.packages, BiocManager) and rattler through authenticated repos.
 * The mirror first reads the upstream three days "ago" (its clock shifted), so
 * dated URLs can be told from latest once the upstream changes.
 */
describe.skipIf(!ready)("remote R, Bioconductor and conda sources: authenticated, dated pull-through mirrors", () => {
  const release = biocReleaseForR(installedRVersion());
  const then = new Date(Date.now() - 3 * DAY).toISOString().slice(0, 10);
  let up: StaticFolderUpstream;
  let gh: RunningGatehouse;
  let work = "";
  let token = "";
  let curlHome = "";
  let app: CondaPackageFile;
  const homes: string[] = [];
  const get = (path: string) => fetch(`${gh.url}${path}`, { headers: { authorization: `Bearer ${token}` } });

  beforeAll(async () => {
    work = mkdtempSync(join(tmpdir(), "gh-rmirror-e2e-"));
    const dataDir = mkdtempSync(join(tmpdir(), "gh-rmirror-data-"));
    const settings = { GATEHOUSE_UPSTREAM_ALLOW_PRIVATE: "true", GATEHOUSE_UPSTREAM_INDEX_TTL_SECONDS: "1", GATEHOUSE_UPSTREAM_TIMEOUT_SECONDS: "3", GATEHOUSE_BIOC_RELEASE: release };
    // The server boots while the packages are built.
    const starting = startGatehouse({ dataDir, env: { ...settings, ...shiftedClockEnv(-3 * DAY) } });
    const base = readFileSync(buildRPackage(work, { package: "ghmirbase", version: "1.0" }));
    const bioc = readFileSync(buildRPackage(work, { package: "ghmirbioc", version: "1.4.0", imports: ["ghmirbase"] }));
    app = buildWithCph({ name: "ghmirapp", version: "1.0", subdir: "noarch", format: "tar.bz2" }, work);
    // A child process: it must answer while the test blocks on a synchronous R run.
    up = await startStaticFolder(mkdtempSync(join(tmpdir(), "gh-rmirror-upstream-")));
    up.write("/cran/src/contrib/PACKAGES", packagesEntry("ghmirbase", "1.0", base));
    up.write("/cran/src/contrib/ghmirbase_1.0.tar.gz", base);
    up.write("/bioc/config.yaml", `release_version: "${release}"\n`);
    up.write(`/bioc/packages/${release}/bioc/src/contrib/PACKAGES`, packagesEntry("ghmirbioc", "1.4.0", bioc, "ghmirbase"));
    up.write(`/bioc/packages/${release}/bioc/src/contrib/ghmirbioc_1.4.0.tar.gz`, bioc);
    const never = Buffer.from("never downloaded while the upstream was up");
    const repodata = { info: { subdir: "noarch" }, packages: { [app.filename]: condaRecord(app, "1.0"), "ghmirapp-0.9-0.tar.bz2": { ...condaRecord(app, "0.9"), md5: md5(never), sha256: sha256(never), size: never.length } } };
    up.write("/chan/noarch/repodata.json", JSON.stringify(repodata));
    up.write(`/chan/noarch/${app.filename}`, readFileSync(app.path));
    up.write("/chan/noarch/ghmirapp-0.9-0.tar.bz2", never);

    const past = await starting;
    const adminToken = past.adminToken;
    try {
      for (const [name, kind, upstream] of [
        ["cranmir", "r", `${up.url}/cran/`],
        ["biocmir", "bioconductor", `${up.url}/bioc/`],
        ["condamir", "conda", `${up.url}/chan/`],
      ] as const) {
        await adminApi(past, "POST", "/__api__/sources", { name: `${name}-up`, kind, upstream });
        await adminApi(past, "POST", "/__api__/repos", { name, type: kind, authenticated: true });
        await adminApi(past, "POST", `/__api__/repos/${name}/subscriptions`, { source: `${name}-up` });
      }
      // The mirror's first sight of each upstream index, three days ago.
      for (const path of ["/cranmir/src/contrib/PACKAGES", `/biocmir/packages/${release}/bioc/src/contrib/PACKAGES`, "/condamir/noarch/repodata.json"]) {
        const res = await fetch(`${past.url}${path}`, { headers: { authorization: `Bearer ${adminToken}` } });
        expect(res.status, path).toBe(200);
      }
    } finally {
      await past.stop();
    }
    gh = { ...(await startGatehouse({ dataDir, env: settings })), adminToken };
    const created = (await adminApi(gh, "POST", "/__api__/tokens", { scopes: "repos:read", repos: "cranmir,biocmir,condamir", description: "mirror e2e", user: "mirror@example.com" })) as { token: string };
    token = created.token;
    // R reads the token from a netrc named in ~/.curlrc (download.file.method = "curl"), as Posit Connect does.
    curlHome = makeRHome().home;
    homes.push(curlHome);
    writeFileSync(join(curlHome, "netrc"), `machine ${gh.host}\nlogin __token__\npassword ${token}\n`, { mode: 0o600 });
    writeFileSync(join(curlHome, ".curlrc"), `--netrc-file ${join(curlHome, "netrc")}\n--fail\n`);
  });
  afterAll(async () => {
    await gh?.stop();
    await up?.close();
    for (const dir of [work, up?.dir ?? "", ...homes]) if (dir) rmSync(dir, { recursive: true, force: true });
  });

  /** install.packages from the CRAN mirror (optional), then BiocManager::install of ghmirbioc, into a fresh library. */
  function installWithR(withCran: boolean): { lib: string; output: string; code: number } {
    const { home, lib } = makeRHome();
    homes.push(home);
    const bioc = `${gh.url}/t/${token}/biocmir/latest`;
    const script = [
      `.libPaths(c(${rString(lib)}, .libPaths()))`,
      `options(download.file.method = "curl", BioC_mirror = ${rString(bioc)}, repos = c(CRAN = ${rString(`${gh.url}/cranmir/latest`)}))`,
      ...(withCran ? [`install.packages("ghmirbase", lib = ${rString(lib)}, type = "source", quiet = TRUE)`] : []),
      `BiocManager::install("ghmirbioc", lib = ${rString(lib)}, update = FALSE, ask = FALSE, type = "source", quiet = TRUE)`,
      `cat("RESULT:", ghmirbioc::hello(), "\\n")`,
    ].join("; ");
    const r = runR(script, { home: curlHome, env: { BIOCONDUCTOR_CONFIG_FILE: `${bioc}/config.yaml`, R_LIBS_USER: lib } });
    return { lib, output: r.output, code: r.code };
  }

  async function installWithRattler(): Promise<string> {
    const solved = await solveWithRattler(["ghmirapp"], `${gh.url}/t/${token}/condamir`);
    expect(solved.error).toBeNull();
    const [record] = solved.records;
    expect(record).toMatchObject({ name: "ghmirapp", version: "1.0", sha256: app.sha256 });
    const res = await fetch(record?.url ?? "");
    expect(res.status).toBe(200);
    return sha256(Buffer.from(await res.arrayBuffer()));
  }

  it("install.packages and BiocManager::install install upstream packages through the authenticated mirrors, which verify and keep them", () => {
    const r = installWithR(true);
    expect(r.code, r.output).toBe(0);
    expect(readdirSync(r.lib).sort()).toEqual(["ghmirbase", "ghmirbioc"]);
    expect(r.output).toContain("RESULT: ghmirbioc 1.4.0 uses ghmirbase 1.0");
  });

  it("rattler solves against the mirrored channel and the file it downloads is the upstream's", async () => {
    expect(await installWithRattler()).toBe(app.sha256);
    // Anonymous callers get what an authenticated repo gives them, mirror or not.
    expect((await fetch(`${gh.url}/condamir/noarch/repodata.json`)).status).toBe(401);
  });

  it("keeps installing from the cache while the upstream is down; an uncached file is a 502 naming the upstream", async () => {
    await up.stop();
    try {
      await new Promise((resolve) => setTimeout(resolve, 1_100)); // past the index TTL: the mirror asks the dead upstream again
      const r = installWithR(false);
      expect(r.code, r.output).toBe(0);
      expect(readdirSync(r.lib).sort()).toEqual(["ghmirbase", "ghmirbioc"]);
      expect(await installWithRattler()).toBe(app.sha256);
      const missing = await get("/condamir/noarch/ghmirapp-0.9-0.tar.bz2");
      expect(missing.status).toBe(502);
      const body = (await missing.json()) as { error: { code: string; message: string } };
      expect(body.error).toMatchObject({ code: "UPSTREAM_FAILED", message: expect.stringContaining(new URL(up.url).host) });
    } finally {
      await up.start();
    }
  });

  it("a dated URL answers what the mirror showed then, after the upstream changed", async () => {
    const newer = Buffer.from("ghmirbase 1.1 bytes");
    const base = readFileSync(join(work, "ghmirbase_1.0.tar.gz"));
    up.write("/cran/src/contrib/PACKAGES", `${packagesEntry("ghmirbase", "1.1", newer)}`);
    up.write("/cran/src/contrib/ghmirbase_1.1.tar.gz", newer);
    up.write("/cran/src/contrib/Archive/ghmirbase/ghmirbase_1.0.tar.gz", base);
    const two = Buffer.from("ghmirapp 2.0 bytes");
    const repodata = { packages: { [app.filename]: condaRecord(app, "1.0"), "ghmirapp-2.0-0.tar.bz2": { ...condaRecord(app, "2.0"), md5: md5(two), sha256: sha256(two), size: two.length } } };
    up.write("/chan/noarch/repodata.json", JSON.stringify(repodata));
    await new Promise((resolve) => setTimeout(resolve, 1_100));
    const versions = async (snapshot: string) => [...(await (await get(`/cranmir/${snapshot}/src/contrib/PACKAGES`)).text()).matchAll(/^Version: (.+)$/gm)].map((m) => m[1]);
    expect(await versions("latest")).toEqual(["1.1"]);
    expect(await versions(then)).toEqual(["1.0"]);
    expect(await versions(new Date(Date.now() - 5 * DAY).toISOString().slice(0, 10))).toEqual([]);
    // The superseded version stays installable from the dated URL and from Archive/.
    expect((await get(`/cranmir/${then}/src/contrib/ghmirbase_1.0.tar.gz`)).status).toBe(200);
    expect((await get("/cranmir/latest/src/contrib/Archive/ghmirbase/ghmirbase_1.0.tar.gz")).status).toBe(200);
    const solved = async (channel: string) => (await solveWithRattler(["ghmirapp"], `${gh.url}/t/${token}/${channel}`)).records.map((p) => p.version);
    expect(await solved("condamir")).toEqual(["2.0"]);
    expect(await solved(`condamir/${then}`)).toEqual(["1.0"]);
  });

  it("refuses a file whose sha256 differs from the channel's record, caching nothing; sync mirrors every kind", async () => {
    const good = readFileSync(app.path);
    const wrong = sha256(Buffer.from("not these bytes"));
    up.write("/bad/noarch/repodata.json", JSON.stringify({ packages: { [app.filename]: condaRecord(app, "1.0", { sha256: wrong }) } }));
    up.write(`/bad/noarch/${app.filename}`, good);
    await adminApi(gh, "POST", "/__api__/sources", { name: "bad-up", kind: "conda", upstream: `${up.url}/bad/` });
    await adminApi(gh, "POST", "/__api__/repos", { name: "badchan", type: "conda", authenticated: false });
    await adminApi(gh, "POST", "/__api__/repos/badchan/subscriptions", { source: "bad-up" });
    for (let attempt = 0; attempt < 2; attempt++) {
      const res = await fetch(`${gh.url}/badchan/noarch/${app.filename}`);
      expect(res.status).toBe(502);
      expect(((await res.json()) as { error: { message: string } }).error.message).toMatch(/sha256 .* nothing was cached/);
    }
    // 1.0 was fetched by R; 1.1 is new upstream.
    const r = gh.cli(["sync", "--source", "cranmir-up", "--all", "-o", "json"]);
    expect(r.code, r.stderr).toBe(0);
    expect(JSON.parse(r.stdout)).toMatchObject({ projects: 1, files: 2, fetched: 1, present: 1, failed: [] });
    // The other kinds through the API the command calls (one CLI start is enough for the suite).
    expect(await adminApi(gh, "GET", "/__api__/sources/biocmir-up/upstream-projects")).toEqual({ projects: ["ghmirbioc"] });
    expect(await adminApi(gh, "POST", "/__api__/sources/biocmir-up/sync", { project: "ghmirbioc" })).toMatchObject({ files: 1, fetched: 0, present: 1 });
    expect(await adminApi(gh, "GET", "/__api__/sources/condamir-up/upstream-projects")).toEqual({ projects: ["ghmirapp"] });
    expect(await adminApi(gh, "POST", "/__api__/sources/condamir-up/sync", { project: "ghmirapp", dryRun: true })).toMatchObject({ files: 3, fetched: 2, present: 1 });
  });
});
