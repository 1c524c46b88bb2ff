import { createHash } from "node:crypto";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { hasClient } from "../support/clients.js";
import { type RunningGatehouse, startGatehouse } from "../support/gatehouse.js";
import { adminApi, createPythonRepo, makeHome, mintToken, runPip, writeNetrc } from "../support/python-clients.js";
import { type BuiltPythonFile, buildPythonPackage, resolvePython } from "../support/python-packages.js";
import { type StaticUpstream, startStaticUpstream } from "../support/static-upstream.js";

const python = hasClient("python3") ? resolvePython() : "";
const ready = python !== "" && hasClient(python, ["-m", "pip", "--version"]);
const PEP691 = "application/vnd.pypi.simple.v1+json";

async function uploadTo(gh: RunningGatehouse, source: string, file: BuiltPythonFile): Promise<void> {
  const res = await fetch(`${gh.url}/__api__/sources/${source}/files/${file.filename}`, {
    method: "PUT",
    headers: { authorization: `Bearer ${gh.adminToken}` },
    body: readFileSync(file.path),
  });
  if (res.status !== 201) throw new Error(`upload of ${file.filename}: ${res.status} ${await res.text()}`);
}

/**
 * A pull-through mirror of a python upstream, tested offline: the upstream is a
 * second Gatehouse on another loopback port (and, for faults, a static server
 * the test controls); real pip installs through an authenticated repo with the
 * token only in a netrc.
 */
describe.skipIf(!ready)("remote python sources: an authenticated, dated pull-through mirror", () => {
  let upstream: RunningGatehouse;
  let mirror: RunningGatehouse;
  let faulty: StaticUpstream;
  let work: string;
  let home: string;
  let netrc: string;
  let reader: string;
  let mir: { wheel: BuiltPythonFile; sdist: BuiltPythonFile };
  const index = () => `${mirror.url}/pypi/latest/simple/`;
  const install = (dir: string, spec: string) => runPip(python, ["install", "--no-deps", "--target", join(work, dir), "--index-url", index(), spec], { home, env: { NETRC: netrc } });
  const get = (path: string, accept = PEP691) => fetch(`${mirror.url}${path}`, { headers: { authorization: `Bearer ${reader}`, accept } });

  beforeAll(async () => {
    work = mkdtempSync(join(tmpdir(), "gh-mirror-e2e-"));
    home = makeHome();
    faulty = await startStaticUpstream();
    upstream = await startGatehouse();
    await createPythonRepo(upstream, "up", "up-src", false);
    mir = buildPythonPackage(python, work, { name: "gh-mir", version: "1.0" });
    await uploadTo(upstream, "up-src", mir.wheel);
    await uploadTo(upstream, "up-src", mir.sdist);
    mirror = await startGatehouse({ env: { GATEHOUSE_UPSTREAM_ALLOW_PRIVATE: "true", GATEHOUSE_UPSTREAM_INDEX_TTL_SECONDS: "1", GATEHOUSE_UPSTREAM_TIMEOUT_SECONDS: "2" } });
    const created = mirror.cli(["create", "source", "--name", "pypi-mirror", "--kind", "python", "--upstream", `${upstream.url}/up/latest/simple/`, "-o", "json"]);
    expect(created.code, created.stderr).toBe(0);
    expect(JSON.parse(created.stdout)).toMatchObject({ type: "remote", upstream: `${upstream.url}/up/latest/simple/` });
    await createPythonRepo(mirror, "pypi", "internal", true);
    await adminApi(mirror, "POST", "/__api__/repos/pypi/subscriptions", { source: "pypi-mirror" });
    await adminApi(mirror, "POST", "/__api__/sources", { name: "faulty", kind: "python", upstream: `${faulty.url}/simple/` });
    await adminApi(mirror, "POST", "/__api__/repos", { name: "flaky", type: "python", authenticated: false });
    await adminApi(mirror, "POST", "/__api__/repos/flaky/subscriptions", { source: "faulty" });
    reader = mintToken(mirror, ["--scope", "repos:read", "--repos", "pypi,flaky"]);
    netrc = writeNetrc(work, "127.0.0.1", reader);
  });
  afterAll(async () => {
    await mirror?.stop();
    await upstream?.stop();
    await faulty?.close();
    if (work) rmSync(work, { recursive: true, force: true });
    if (home) rmSync(home, { recursive: true, force: true });
  });

  it("pip installs an upstream package through the authenticated mirror, which verifies and keeps the bytes", async () => {
    const r = install("first", "gh-mir==1.0");
    expect(r.output).toMatch(/Successfully installed gh-mir-1\.0/);
    expect(r.code).toBe(0);
    const page = (await (await get("/pypi/latest/simple/gh-mir/")).json()) as { files: { filename: string; hashes: { sha256: string } }[] };
    expect(page.files.map((f) => [f.filename, f.hashes.sha256]).sort()).toEqual(
      [
        [mir.sdist.filename, mir.sdist.sha256],
        [mir.wheel.filename, mir.wheel.sha256],
      ].sort(),
    );
    const listed = (await (await get("/__api__/repos/pypi/packages", "application/json")).json()) as { packages: { project: string }[] };
    expect(listed.packages.map((p) => p.project)).toContain("gh-mir");
    // Anonymous callers get what an authenticated repo gives them, mirror or not.
    expect((await fetch(`${mirror.url}/pypi/latest/simple/gh-mir/`)).status).toBe(401);
  });

  it("gatehouse sync mirrors eagerly and resumes: what is stored is skipped, a dry run fetches nothing", () => {
    const sync = (...extra: string[]) => {
      const r = mirror.cli(["sync", "--source", "pypi-mirror", ...extra, "-o", "json"]);
      expect(r.code, r.stderr).toBe(0);
      return JSON.parse(r.stdout) as { projects: number; files: number; fetched: number; present: number; failed: unknown[] };
    };
    // pip fetched the wheel only: the sdist is still upstream.
    expect(sync("--packages", "gh-mir", "--dry-run")).toMatchObject({ projects: 1, files: 2, fetched: 1, present: 1, failed: [] });
    expect(sync("--packages", "gh-mir")).toMatchObject({ files: 2, fetched: 1, present: 1 });
    expect(sync("--all")).toMatchObject({ projects: 1, files: 2, fetched: 0, present: 2 });
    const local = mirror.cli(["sync", "--source", "internal", "--all"]);
    expect(local.code).not.toBe(0);
    expect(local.stderr).toMatch(/only remote sources/);
  });

  it("a dated URL shows what the mirror had seen then: before its first sight, nothing", async () => {
    const yesterday = new Date(Date.now() - 86_400_000).toISOString().slice(0, 10);
    expect((await get(`/pypi/${yesterday}/simple/gh-mir/`)).status).toBe(404);
    const today = new Date().toISOString().slice(0, 10);
    expect((await get(`/pypi/${today}/simple/gh-mir/`)).status).toBe(200);
  });

  it("applies the blocklist and privacy to mirrored packages as to uploads (one read path)", async () => {
    const rule = (await adminApi(mirror, "POST", "/__api__/blocklist-rules", { name: "gh-mir", versions: "==1.0", repo: "pypi", reason: "CVE-2026-0003 upstream" })) as { id: string };
    // Every file of the project is blocked: the project is absent, as a project with no files is.
    expect((await get("/pypi/latest/simple/gh-mir/")).status).toBe(404);
    const blocked = await get(`/pypi/latest/files/${mir.wheel.sha256}/${mir.wheel.filename}`);
    expect(blocked.status).toBe(403);
    expect(((await blocked.json()) as { error: { message: string } }).error.message).toContain("CVE-2026-0003 upstream");
    await adminApi(mirror, "DELETE", `/__api__/blocklist-rules/${rule.id}`);
    await adminApi(mirror, "PUT", "/__api__/sources/pypi-mirror/packages/gh-mir/access", { private: true });
    expect((await get("/pypi/latest/simple/gh-mir/")).status).toBe(404);
    expect((await get(`/pypi/latest/files/${mir.wheel.sha256}/${mir.wheel.filename}`)).status).toBe(404);
    await adminApi(mirror, "PUT", "/__api__/sources/pypi-mirror/packages/gh-mir/access", { private: false });
    expect((await get("/pypi/latest/simple/gh-mir/")).status).toBe(200);
  });

  it("a local project hides every upstream version of its name (dependency-confusion defence)", async () => {
    const evil = buildPythonPackage(python, mkdtempSync(join(work, "evil-")), { name: "gh-internal", version: "99.0" });
    await uploadTo(upstream, "up-src", evil.wheel);
    const ours = buildPythonPackage(python, mkdtempSync(join(work, "ours-")), { name: "gh-internal", version: "1.0" });
    await uploadTo(mirror, "internal", ours.wheel);
    const page = (await (await get("/pypi/latest/simple/gh-internal/")).json()) as { files: { filename: string }[] };
    expect(page.files.map((f) => f.filename)).toEqual([ours.wheel.filename]);
    const r = install("internal", "gh-internal");
    expect(r.output).toMatch(/Successfully installed gh-internal-1\.0/);
  });

  it("keeps serving what it cached while the upstream is down; an uncached project gets a 502 naming the upstream", async () => {
    await upstream.stop();
    await new Promise((resolve) => setTimeout(resolve, 1_200)); // past the index TTL, so the mirror asks the (dead) upstream again
    const r = install("offline", "gh-mir==1.0");
    expect(r.output).toMatch(/Successfully installed gh-mir-1\.0/);
    const missing = await get("/pypi/latest/simple/never-seen/");
    expect(missing.status).toBe(502);
    const body = (await missing.json()) as { error: { code: string; message: string } };
    expect(body.error.code).toBe("UPSTREAM_FAILED");
    expect(body.error.message).toContain(new URL(upstream.url).host);
  });

  it("refuses bytes whose sha256 differs from the upstream's index, caching nothing; a hung upstream is a 504", async () => {
    const good = readFileSync(mir.wheel.path);
    const wrongSha = createHash("sha256").update("not these bytes").digest("hex");
    const page = { meta: { "api-version": "1.0" }, name: "gh-mir", files: [{ filename: mir.wheel.filename, url: `../../files/${mir.wheel.filename}`, hashes: { sha256: wrongSha } }] };
    faulty.set("/simple/gh-mir/", { body: JSON.stringify(page), contentType: PEP691 });
    faulty.set(`/files/${mir.wheel.filename}`, { body: good, contentType: "application/octet-stream" });
    const listed = await fetch(`${mirror.url}/flaky/simple/gh-mir/`, { headers: { accept: PEP691 } });
    expect(listed.status).toBe(200);
    const download = `${mirror.url}/flaky/files/${wrongSha}/${mir.wheel.filename}`;
    for (let attempt = 0; attempt < 2; attempt++) {
      const res = await fetch(download);
      expect(res.status).toBe(502);
      expect(((await res.json()) as { error: { message: string } }).error.message).toMatch(/sha256 .* nothing was cached/);
    }
    faulty.set("/simple/hangs/", "hang");
    const started = Date.now();
    const hung = await fetch(`${mirror.url}/flaky/simple/hangs/`);
    expect(hung.status).toBe(504);
    expect(Date.now() - started).toBeLessThan(10_000);
  });

  it("refuses upstreams it must never reach, naming the reason, before any connection", () => {
    const metadata = mirror.cli(["create", "source", "--name", "meta", "--kind", "python", "--upstream", "http://169.254.169.254/simple/"]);
    expect(metadata.code).not.toBe(0);
    expect(metadata.stderr).toMatch(/link-local/);
    const ftp = mirror.cli(["create", "source", "--name", "ftp", "--kind", "python", "--upstream", "ftp://example.com/simple/"]);
    expect(ftp.code).not.toBe(0);
    expect(ftp.stderr).toMatch(/http or https/);
    const secret = mirror.cli(["create", "source", "--name", "cred", "--kind", "python", "--upstream", "https://user:pw@127.0.0.1/simple/"]);
    expect(secret.code).not.toBe(0);
    expect(secret.stderr).toMatch(/--upstream-token-env/);
    expect(`${metadata.stderr}${ftp.stderr}${secret.stderr}`).not.toMatch(/\n\s+at /);
  });
});
