import { mkdtempSync, readdirSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, expect, it } from "vitest";
import { hasClient } from "../support/clients.js";
import { curl, curlAs } from "../support/curl.js";
import { type RunningGatehouse, startGatehouse } from "../support/gatehouse.js";
import { buildRPackage, createRepo, makeRHome, rString, runR, uploadFile } from "../support/r-client.js";
import { describeOnServerDatabases } from "../support/on-server-databases.js";

const hasR = hasClient("Rscript") && hasClient("curl");

describeOnServerDatabases("R repos end to end (real R, real server)", hasR ? null : "Rscript or curl is not installed", (db) => {
  let gh: RunningGatehouse;
  let token = "";
  let pkgDir = "";
  const homes: string[] = [];

  beforeAll(async () => {
    gh = await startGatehouse({ env: db.env() });
    pkgDir = mkdtempSync(join(tmpdir(), "gh-rbuild-"));
    createRepo(gh, { repo: "rpriv", source: "rlocal", type: "r", authenticated: true });
    uploadFile(gh, "rlocal", buildRPackage(pkgDir, { package: "ghbase", version: "1.0" }));
    uploadFile(gh, "rlocal", buildRPackage(pkgDir, { package: "ghapp", version: "2.1-3", imports: ["ghbase"] }));
    const created = gh.cli(["create", "token", "--scope", "repos:read", "--repos", "rpriv", "--description", "R installs", "--user", "r@example.com", "--quiet"]);
    expect(created.code, created.stderr).toBe(0);
    token = created.stdout.trim();
  });
  afterAll(async () => {
    await gh?.stop();
    for (const dir of [pkgDir, ...homes]) if (dir) rmSync(dir, { recursive: true, force: true });
  });

  function freshHome(): { home: string; lib: string } {
    const h = makeRHome();
    homes.push(h.home);
    return h;
  }

  /** install.packages of ghapp (which pulls ghbase through Imports) into a temp library, then calls it. */
  function installScript(repos: string, lib: string): string {
    return [
      `.libPaths(c(${rString(lib)}, .libPaths()))`,
      `install.packages("ghapp", repos = ${rString(repos)}, lib = ${rString(lib)}, type = "source", quiet = TRUE)`,
      `library(ghapp, lib.loc = ${rString(lib)})`,
      `cat("RESULT:", hello(), "\\n")`,
    ].join("; ");
  }

  function expectInstalled(lib: string, output: string): void {
    expect(readdirSync(lib).sort()).toEqual(["ghapp", "ghbase"]);
    expect(output).toContain("RESULT: ghapp 2.1-3 uses ghbase 1.0");
  }

  it("installs with download.file.method = curl and a netrc named in ~/.curlrc (the Posit Connect way)", () => {
    const { home, lib } = freshHome();
    const netrc = join(home, "netrc");
    writeFileSync(netrc, `machine ${gh.host}\nlogin __token__\npassword ${token}\n`, { mode: 0o600 });
    writeFileSync(join(home, ".curlrc"), `--netrc-file ${netrc}\n--fail\n`);
    const r = runR(`options(download.file.method = "curl"); ${installScript(`${gh.url}/rpriv/latest`, lib)}`, { home });
    expect(r.code, r.output).toBe(0);
    expectInstalled(lib, r.output);
  });

  it("installs through the files `gatehouse client-config --for r` writes (R profile + netrc), with no repos argument", () => {
    const { home, lib } = freshHome();
    const written = gh.cli(["client-config", "--url", `${gh.url}/rpriv/latest`, "--token", token, "--for", "r", "--home", home]);
    expect(written.code, written.stderr).toBe(0);
    const script = [
      `.libPaths(c(${rString(lib)}, .libPaths()))`,
      `install.packages("ghapp", lib = ${rString(lib)}, type = "source", quiet = TRUE)`,
      `library(ghapp, lib.loc = ${rString(lib)})`,
      `cat("RESULT:", hello(), "\\n")`,
    ].join("; ");
    const r = runR(script, { home, profile: join(home, ".Rprofile") });
    expect(r.code, r.output).toBe(0);
    expectInstalled(lib, r.output);
  });

  it("installs with the token in the repo URL (userinfo) and with /t/<token>/", () => {
    for (const repos of [`http://__token__:${token}@${gh.host}:${gh.port}/rpriv/latest`, `${gh.url}/t/${token}/rpriv/latest`]) {
      const { home, lib } = freshHome();
      const r = runR(installScript(repos, lib), { home });
      expect(r.code, r.output).toBe(0);
      expectInstalled(lib, r.output);
    }
  });

  it("without a token, R with the client-config profile (curl, --fail) reports the 401, not a PACKAGES parse error", () => {
    const { home, lib } = freshHome();
    const netrc = join(home, "netrc");
    writeFileSync(netrc, "", { mode: 0o600 });
    const profile = join(home, "Rprofile");
    writeFileSync(
      profile,
      [
        `options(repos = c(GATEHOUSE = ${rString(`${gh.url}/rpriv/latest`)}))`,
        `options(download.file.method = "curl", download.file.extra = ${rString(`--netrc-file ${netrc} --fail`)})`,
        "",
      ].join("\n"),
    );
    const r = runR(`options(warn = 2); install.packages("ghapp", lib = ${rString(lib)}, type = "source")`, { home, profile });
    expect(r.code).not.toBe(0);
    expect(r.output).toMatch(/error: 401/);
    expect(r.output).toContain("unable to access index for repository");
    expect(r.output).not.toMatch(/malformed|unknown input format|Line starting/);
    expect(readdirSync(lib)).toEqual([]);
  });

  it("serves an index whose .rds R reads and whose fields available.packages reports", () => {
    const { home } = freshHome();
    const repos = `${gh.url}/t/${token}/rpriv/latest`;
    const script = [
      `rds <- tempfile(); download.file(${rString(`${repos}/src/contrib/PACKAGES.rds`)}, rds, mode = "wb", quiet = TRUE)`,
      "m <- readRDS(rds)",
      `cat("RDS:", paste(m[, "Package"], m[, "Version"], collapse = " "), "\\n")`,
      `a <- available.packages(repos = ${rString(repos)}, type = "source")`,
      `for (p in c("ghapp", "ghbase")) cat("AP:", p, a[p, "Version"], a[p, "Imports"], a[p, "License"], a[p, "NeedsCompilation"], a[p, "MD5sum"], "\\n")`,
    ].join("; ");
    const r = runR(script, { home });
    expect(r.code, r.output).toBe(0);
    expect(r.stdout).toContain("RDS: ghapp 2.1-3 ghbase 1.0");
    const gz = curlAs(token, `${gh.url}/rpriv/latest/src/contrib/PACKAGES`);
    const md5 = (pkg: string) => new RegExp(`Package: ${pkg}\\n[\\s\\S]*?MD5sum: ([0-9a-f]{32})`).exec(gz.body)?.[1];
    expect(r.stdout).toContain(`AP: ghapp 2.1-3 ghbase MIT + file LICENSE no ${md5("ghapp")}`);
    expect(r.stdout).toContain(`AP: ghbase 1.0 NA MIT + file LICENSE no ${md5("ghbase")}`);
    expect(gz.body).toMatch(/SHA256sum:\s+[0-9a-f]{64}\n/);
  });

  it("answers 401 with the repo as realm on every R path without credentials", () => {
    for (const path of ["/rpriv/latest/src/contrib/PACKAGES.rds", "/rpriv/src/contrib/PACKAGES.gz", "/rpriv/latest/src/contrib/ghapp_2.1-3.tar.gz"]) {
      const res = curl([], `${gh.url}${path}`);
      expect(res.status).toBe(401);
      expect(res.headers["www-authenticate"]).toBe('Basic realm="rpriv"');
    }
  });
});
