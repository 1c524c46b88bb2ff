import { mkdtempSync, readFileSync, rmSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, expect, it } from "vitest";
import { hasClient } from "../support/clients.js";
import { type CondaPackageFile, buildWithCph, extractWithCph, sha256OfFile } from "../support/conda-packages.js";
import { solveWithRattler } from "../support/conda-rattler.js";
import { curl, curlAs } from "../support/curl.js";
import { type RunningGatehouse, startGatehouse } from "../support/gatehouse.js";
import { describeOnServerDatabases } from "../support/on-server-databases.js";

const haveCph = hasClient("cph", ["--help"]);

describeOnServerDatabases("conda channels end to end (real server, rattler, cph, curl)", haveCph ? null : "cph is not installed", (db) => {
  let gh: RunningGatehouse;
  let work: string;
  let reader = "";
  let outsider = "";
  let app: CondaPackageFile;
  let lib1: CondaPackageFile;
  let lib2: CondaPackageFile;

  function ok(args: string[]): string {
    const r = gh.cli(args);
    expect(r.code, `${args.join(" ")}: ${r.stderr}`).toBe(0);
    return r.stdout.trim();
  }

  beforeAll(async () => {
    work = mkdtempSync(join(tmpdir(), "gh-conda-e2e-"));
    app = buildWithCph({ name: "app", version: "1.0", subdir: "noarch", depends: ["lib >=1"], format: "tar.bz2" }, work);
    lib1 = buildWithCph({ name: "lib", version: "1.0", subdir: "linux-64", format: "conda" }, work);
    lib2 = buildWithCph({ name: "lib", version: "2.0", subdir: "linux-64", format: "conda" }, work);
    gh = await startGatehouse({ env: db.env() });
    ok(["create", "source", "--name", "conda-src", "--kind", "conda"]);
    ok(["create", "repo", "--name", "chan", "--type", "conda", "--authenticated"]);
    ok(["create", "repo", "--name", "other", "--type", "conda", "--authenticated"]);
    ok(["subscribe", "--repo", "chan", "--source", "conda-src"]);
    ok(["add", "--source", "conda-src", "--path", `${app.path},${lib1.path}`]);
    ok(["add", "--source", "conda-src", "--path", lib2.path, "--label", "dev"]);
    reader = ok(["create", "token", "--scope", "repos:read", "--repos", "chan", "--description", "conda installs", "--user", "ci", "-q"]);
    outsider = ok(["create", "token", "--scope", "repos:read", "--repos", "other", "--description", "other channel", "--user", "ci", "-q"]);
  });
  afterAll(async () => {
    await gh?.stop();
    if (work) rmSync(work, { recursive: true, force: true });
  });

  it("rattler resolves app through /t/<token>/; downloads match the index's sha256 and cph extracts them", async () => {
    const solved = await solveWithRattler(["app"], `${gh.url}/t/${reader}/chan`);
    expect(solved.error).toBeNull();
    expect(solved.records.map((r) => [r.name, r.version, r.filename])).toEqual([
      ["app", "1.0", app.filename],
      ["lib", "1.0", lib1.filename],
    ]);
    // Every probe rattler makes first (shards, .zst, .bz2) is a 404, never 401/403, which it treats as fatal.
    expect(solved.requests.length).toBeGreaterThan(2);
    for (const r of solved.requests) expect([200, 404], r.url.replace(reader, "<token>")).toContain(r.status);
    expect(solved.requests.filter((r) => r.url.endsWith("/repodata.json")).map((r) => r.status)).toEqual([200, 200]);

    for (const [record, built] of [
      [solved.records[0], app],
      [solved.records[1], lib1],
    ] as const) {
      expect(record?.sha256).toBe(built.sha256);
      const file = join(work, "download", built.filename);
      const got = curl(["--create-dirs", "-o", file], record?.url ?? "");
      expect(got.status).toBe(200);
      expect(got.headers["content-length"]).toBe(String(statSync(built.path).size));
      expect(sha256OfFile(file)).toBe(built.sha256);
      expect(extractWithCph(file, join(work, "extracted", built.filename), built.payload.path)).toBe(built.payload.text);
    }
  });

  it("also works with the token as a Bearer header (added to rattler's fetch: its JS API takes no headers)", async () => {
    const solved = await solveWithRattler(["app"], `${gh.url}/chan`, { bearer: reader });
    expect(solved.error).toBeNull();
    expect(solved.records.map((r) => r.filename)).toEqual([app.filename, lib1.filename]);
    const repodata = curl(["-H", `Authorization: Bearer ${reader}`, "--compressed"], `${gh.url}/chan/noarch/repodata.json`);
    expect(repodata.headers["content-type"]).toBe("application/json");
    expect(JSON.parse(repodata.body).packages[app.filename].sha256).toBe(app.sha256);
  });

  it("shows a dev-labelled file only under /label/dev/, until it is moved to main with the CLI", async () => {
    const main = await solveWithRattler(["lib >=2"], `${gh.url}/t/${reader}/chan`);
    expect(main.error).toMatch(/lib/);
    const dev = await solveWithRattler(["lib >=2"], `${gh.url}/t/${reader}/chan/label/dev`);
    expect(dev.records.map((r) => r.filename)).toEqual([lib2.filename]);
    expect(curlAs(reader, `${gh.url}/chan/linux-64/${lib2.filename}`, ["-o", "/dev/null"]).status).toBe(404);
    expect(curlAs(reader, `${gh.url}/chan/label/dev/linux-64/${lib2.filename}`, ["-o", "/dev/null"]).status).toBe(200);

    const moved = gh.cli(["label", "move", "--source", "conda-src", "--file", lib2.filename, "--from", "dev", "--to", "main"]);
    expect(moved.code, moved.stderr).toBe(0);
    expect(moved.stderr).toContain("+main -dev");
    const after = await solveWithRattler(["app", "lib >=2"], `${gh.url}/t/${reader}/chan`);
    expect(after.records.map((r) => r.filename)).toEqual([app.filename, lib2.filename]);
    expect(curlAs(reader, `${gh.url}/chan/label/dev/linux-64/${lib2.filename}`, ["-o", "/dev/null"]).status).toBe(404);
    expect(JSON.parse(curlAs(reader, `${gh.url}/chan/channeldata.json`).body).packages.lib.version).toBe("2.0");
  });

  it("serves dated snapshots: yesterday's channel had nothing, today's has the packages", async () => {
    const day = (offset: number) => new Date(Date.now() + offset * 86_400_000).toISOString().slice(0, 10);
    const yesterday = await solveWithRattler(["app"], `${gh.url}/t/${reader}/chan/${day(-1)}`);
    expect(yesterday.error).toMatch(/app/);
    expect(yesterday.requests.every((r) => r.status === 200 || r.status === 404)).toBe(true);
    const today = await solveWithRattler(["app"], `${gh.url}/t/${reader}/chan/${day(0)}`);
    expect(today.records.map((r) => r.url)).toEqual([`${gh.url}/t/${reader}/chan/${day(0)}/noarch/${app.filename}`, expect.stringContaining("/linux-64/lib-")]);
  });

  it("refuses without a token (401 + WWW-Authenticate) and with another repo's token (403), probes included", async () => {
    for (const path of ["noarch/repodata.json", "linux-64/repodata.json.zst", "noarch/repodata_shards.msgpack.zst", "linux-64/repodata.json.bz2", `noarch/${app.filename}`]) {
      const anonymous = curl([], `${gh.url}/chan/${path}`);
      expect(anonymous.status, path).toBe(401);
      expect(anonymous.headers["www-authenticate"], path).toBe('Basic realm="chan"');
      expect(curlAs(outsider, `${gh.url}/chan/${path}`).status, path).toBe(403);
      expect(curl([], `${gh.url}/t/${outsider}/chan/${path}`).status, path).toBe(403);
      expect([200, 404], path).toContain(curl([], `${gh.url}/t/${reader}/chan/${path}`).status);
    }
    const refused = await solveWithRattler(["app"], `${gh.url}/chan`);
    expect(refused.error).toMatch(/401/);
  });

  it("installs through the .condarc that `gatehouse client-config --for conda` writes", async () => {
    const home = mkdtempSync(join(tmpdir(), "gh-conda-home-"));
    ok(["client-config", "--url", `${gh.url}/chan`, "--token", reader, "--for", "conda", "--home", home]);
    const condarc = readFileSync(join(home, ".condarc"), "utf8");
    const channel = /^\s*-\s*(\S+)\s*$/m.exec(condarc.slice(condarc.indexOf("channels:")))?.[1] ?? "";
    expect(channel).toBe(`${gh.url}/t/${reader}/chan`);
    const solved = await solveWithRattler(["app"], channel);
    expect(solved.error).toBeNull();
    expect(solved.records.map((r) => r.filename)).toEqual([app.filename, expect.stringMatching(/^lib-/)]);
  });

  it("keeps a private package to its owner's group: a member resolves it with rattler, anyone else never sees it (404, not 403)", async () => {
    const secret = buildWithCph({ name: "secret", version: "1.0", subdir: "noarch", depends: ["lib >=1"], format: "tar.bz2" }, work);
    ok(["add", "--source", "conda-src", "--path", secret.path]);
    ok(["create", "org", "--name", "acme"]);
    ok(["create", "group", "--org", "acme", "--name", "data"]);
    ok(["add", "member", "--org", "acme", "--group", "data", "--user", "member@example.com"]);
    ok(["grant", "--org", "acme", "--group", "data", "--repo", "chan", "--package", "secret", "--permission", "read"]);
    ok(["set", "package-access", "--source", "conda-src", "--name", "secret", "--private", "true"]);
    const anacondaToken = (user: string) => (JSON.parse(ok(["auth", "--create", "--name", "laptop", "--scopes", "conda:download", "--user", user, "-o", "json"])) as { token: string }).token;
    const member = anacondaToken("member@example.com");
    const stranger = anacondaToken("stranger@example.com");
    expect(member).toMatch(/^gth-/);

    const seen = await solveWithRattler(["secret"], `${gh.url}/t/${member}/chan`);
    expect(seen.error).toBeNull();
    expect(seen.records.map((r) => r.name).sort()).toEqual(["lib", "secret"]);
    expect(seen.records.find((r) => r.name === "secret")?.sha256).toBe(secret.sha256);

    const unseen = await solveWithRattler(["secret"], `${gh.url}/t/${stranger}/chan`);
    expect(unseen.error).toMatch(/secret/);
    const index = JSON.parse(curlAs(stranger, `${gh.url}/chan/noarch/repodata.json`).body);
    expect(Object.keys(index.packages)).not.toContain(secret.filename);
    expect(curlAs(stranger, `${gh.url}/chan/noarch/${secret.filename}`).status).toBe(404);
    expect(curlAs(member, `${gh.url}/chan/noarch/${secret.filename}`).status).toBe(200);
  });
});
