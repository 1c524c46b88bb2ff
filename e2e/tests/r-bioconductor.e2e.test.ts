import { mkdtempSync, readdirSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { hasClient } from "../support/clients.js";
import { curl } from "../support/curl.js";
import { type RunningGatehouse, startGatehouse } from "../support/gatehouse.js";
import { biocReleaseForR, buildRPackage, createRepo, installedRVersion, makeRHome, rString, runR, uploadFile } from "../support/r-client.js";

const hasBiocManager = hasClient("Rscript", ["-e", "stopifnot(requireNamespace('BiocManager', quietly = TRUE))"]);

describe.runIf(hasBiocManager)("Bioconductor repos end to end (real BiocManager, real server)", () => {
  let gh: RunningGatehouse;
  let token = "";
  let pkgDir = "";
  let home = "";
  // The release made for this R, so BiocManager accepts it (R 4.2 → 3.16).
  const release = biocReleaseForR(installedRVersion());

  beforeAll(async () => {
    gh = await startGatehouse({ env: { GATEHOUSE_BIOC_RELEASE: release } });
    pkgDir = mkdtempSync(join(tmpdir(), "gh-biocbuild-"));
    createRepo(gh, { repo: "cranpub", source: "cranlocal", type: "r", authenticated: false });
    createRepo(gh, { repo: "bioc", source: "biolocal", type: "bioconductor", authenticated: true });
    uploadFile(gh, "cranlocal", buildRPackage(pkgDir, { package: "ghcranbase", version: "0.3" }));
    uploadFile(gh, "biolocal", buildRPackage(pkgDir, { package: "ghbioc", version: "1.4.0", imports: ["ghcranbase"] }));
    // A file for another release must stay out of this release's index.
    uploadFile(gh, "biolocal", buildRPackage(pkgDir, { package: "ghother", version: "1.0.0" }), "?bioc-version=3.1");
    const created = gh.cli(["create", "token", "--scope", "repos:read", "--repos", "bioc", "--description", "BiocManager", "--user", "bioc@example.com", "--quiet"]);
    expect(created.code, created.stderr).toBe(0);
    token = created.stdout.trim();
  });
  afterAll(async () => {
    await gh?.stop();
    for (const dir of [pkgDir, home]) if (dir) rmSync(dir, { recursive: true, force: true });
  });

  it("serves config.yaml with the configured release and the R version map", () => {
    const res = curl([], `${gh.url}/t/${token}/bioc/latest/config.yaml`);
    expect(res.status).toBe(200);
    expect(res.body).toContain(`release_version: "${release}"\n`);
    expect(res.body).toMatch(/\nr_ver_for_bioc_ver:\n( {2}"\d+\.\d+": "\d+\.\d+"\n)+$/);
  });

  it("BiocManager::install() installs an uploaded package (and its CRAN dependency) through BioC_mirror", () => {
    const r0 = makeRHome();
    home = r0.home;
    const mirror = `${gh.url}/t/${token}/bioc/latest`;
    const script = [
      `.libPaths(c(${rString(r0.lib)}, .libPaths()))`,
      `options(BioC_mirror = ${rString(mirror)}, repos = c(CRAN = ${rString(`${gh.url}/cranpub/latest`)}))`,
      `cat("VERSION:", as.character(BiocManager::version()), "\\n")`,
      // The map BiocManager validates releases with comes from the server's config.yaml.
      `m <- BiocManager:::.version_map(); cat("MAP:", as.character(m$Bioc[m$BiocStatus == "release"]), as.character(m$R[m$BiocStatus == "release"]), "\\n")`,
      `cat("REPOS:", BiocManager::repositories(), "\\n")`,
      `BiocManager::install("ghbioc", lib = ${rString(r0.lib)}, update = FALSE, ask = FALSE, type = "source")`,
      "library(ghbioc)",
      `cat("RESULT:", hello(), "\\n")`,
    ].join("; ");
    const r = runR(script, { home: r0.home, env: { BIOCONDUCTOR_CONFIG_FILE: `${mirror}/config.yaml` } });
    expect(r.code, r.output).toBe(0);
    expect(r.stdout).toContain(`VERSION: ${release}`);
    expect(r.stdout).toContain(`MAP: ${release} ${installedRVersion()}`);
    expect(r.stdout).toContain(`REPOS: ${mirror}/packages/${release}/bioc ${mirror}/packages/${release}/data/annotation`);
    expect(r.output).not.toMatch(/unable to access index/);
    expect(readdirSync(r0.lib).sort()).toEqual(["ghbioc", "ghcranbase"]);
    expect(r.stdout).toContain("RESULT: ghbioc 1.4.0 uses ghcranbase 0.3");
  });

  it("keeps each release's files in its own folder", () => {
    const index = (v: string) => curl([], `${gh.url}/t/${token}/bioc/latest/packages/${v}/bioc/src/contrib/PACKAGES`).body;
    expect(index(release)).toContain("Package: ghbioc\n");
    expect(index(release)).not.toContain("ghother");
    expect(index("3.1")).toContain("Package: ghother\n");
    expect(curl([], `${gh.url}/bioc/latest/config.yaml`).status).toBe(401);
  });
});
