import { mkdtempSync, readdirSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { hasClient } from "../support/clients.js";
import { curl } from "../support/curl.js";
import { type RunningGatehouse, startGatehouse } from "../support/gatehouse.js";
import { biocReleaseForR, buildRPackage, createRepo, installedRVersion, makeRHome, rString, runR, uploadFile } from "../support/r-client.js";

const hasBiocManager = hasClient("Rscript", ["-e", "stopifnot(requireNamespace('BiocManager', quietly = TRUE))"]);

// BiocManager with nothing but what `gatehouse client-config --for r,bioc` wrote: an R profile and a netrc.
describe.runIf(hasBiocManager)("Bioconductor repos end to end (real BiocManager, netrc only, real server)", () => {
  let gh: RunningGatehouse;
  let token = "";
  let pkgDir = "";
  let r0: { home: string; lib: string };
  // The release made for this R, so BiocManager accepts it (R 4.2 → 3.16).
  const release = biocReleaseForR(installedRVersion());

  beforeAll(async () => {
    gh = await startGatehouse({ env: { GATEHOUSE_BIOC_RELEASE: release } });
    pkgDir = mkdtempSync(join(tmpdir(), "gh-biocbuild-"));
    createRepo(gh, { repo: "cran", source: "cranlocal", type: "r", authenticated: true });
    createRepo(gh, { repo: "bioc", source: "biolocal", type: "bioconductor", authenticated: true });
    uploadFile(gh, "cranlocal", buildRPackage(pkgDir, { package: "ghcranbase", version: "0.3" }));
    uploadFile(gh, "biolocal", buildRPackage(pkgDir, { package: "ghbioc", version: "1.4.0", imports: ["ghcranbase"] }));
    // Every section takes uploads: an annotation package lands in data/annotation.
    const anno = gh.cli(["add", "--source", "biolocal", "--path", buildRPackage(pkgDir, { package: "ghanno", version: "1.0.0" }), "--bioc-section", "data/annotation"]);
    expect(anno.code, anno.stderr).toBe(0);
    // A file for another release must stay out of this release's index.
    uploadFile(gh, "biolocal", buildRPackage(pkgDir, { package: "ghother", version: "1.0.0" }), "?bioc-version=3.1");
    const created = gh.cli(["create", "token", "--scope", "repos:read", "--repos", "cran,bioc", "--description", "BiocManager", "--user", "bioc@example.com", "--quiet"]);
    expect(created.code, created.stderr).toBe(0);
    token = created.stdout.trim();
    r0 = makeRHome();
    const configured = gh.cli(["client-config", "--repo", "cran,bioc", "--token", token, "--for", "r,bioc", "--home", r0.home]);
    expect(configured.code, configured.stderr).toBe(0);
  });
  afterAll(async () => {
    await gh?.stop();
    for (const dir of [pkgDir, r0?.home]) if (dir) rmSync(dir, { recursive: true, force: true });
  });

  it("serves config.yaml with the configured release and the R version map; client-config keeps a local copy", () => {
    const res = curl([], `${gh.url}/t/${token}/bioc/latest/config.yaml`);
    expect(res.status).toBe(200);
    expect(res.body).toContain(`release_version: "${release}"\n`);
    expect(res.body).toMatch(/\nr_ver_for_bioc_ver:\n( {2}"\d+\.\d+": "\d+\.\d+"\n)+$/);
    expect(readFileSync(join(r0.home, ".config/gatehouse/bioc/bioc/config.yaml"), "utf8")).toBe(res.body);
    expect(curl([], `${gh.url}/bioc/latest/config.yaml`).status).toBe(401);
  });

  it("BiocManager::install() installs software and annotation packages (and a CRAN dependency) through the written R profile alone", () => {
    const mirror = `${gh.url}/bioc/latest`;
    const script = [
      `cat("VERSION:", as.character(BiocManager::version()), "\\n")`,
      // The map BiocManager validates releases with comes from the server's config.yaml.
      `m <- BiocManager:::.version_map(); cat("MAP:", as.character(m$Bioc[m$BiocStatus == "release"]), as.character(m$R[m$BiocStatus == "release"]), "\\n")`,
      `cat("REPOS:", BiocManager::repositories(), "\\n")`,
      `BiocManager::install(c("ghbioc", "ghanno"), lib = ${rString(r0.lib)}, update = FALSE, ask = FALSE, type = "source")`,
      `.libPaths(c(${rString(r0.lib)}, .libPaths()))`,
      "library(ghbioc)",
      `cat("RESULT:", hello(), "\\n")`,
    ].join("; ");
    const r = runR(script, { home: r0.home, profile: join(r0.home, ".Rprofile") });
    expect(r.code, r.output).toBe(0);
    expect(r.stdout).toContain(`VERSION: ${release}`);
    expect(r.stdout).toContain(`MAP: ${release} ${installedRVersion()}`);
    expect(r.stdout).toContain(`${mirror}/packages/${release}/bioc ${mirror}/packages/${release}/data/annotation`);
    expect(r.stdout).toContain(`${gh.url}/cran/latest`);
    expect(r.output).not.toMatch(/unable to access index for repository http:\/\/127/);
    expect(readdirSync(r0.lib).sort()).toEqual(["ghanno", "ghbioc", "ghcranbase"]);
    expect(r.stdout).toContain("RESULT: ghbioc 1.4.0 uses ghcranbase 0.3");
  });

  it("keeps each release's and each section's files in its own folder; an unknown section is refused by name", () => {
    const index = (v: string, section = "bioc") => curl([], `${gh.url}/t/${token}/bioc/latest/packages/${v}/${section}/src/contrib/PACKAGES`).body;
    expect(index(release)).toContain("Package: ghbioc\n");
    expect(index(release)).not.toContain("ghother");
    expect(index(release)).not.toContain("ghanno");
    expect(index(release, "data/annotation")).toContain("Package: ghanno\n");
    expect(index("3.1")).toContain("Package: ghother\n");
    const bad = curl(["-u", `__token__:${gh.adminToken}`, "--upload-file", join(pkgDir, "ghanno_1.0.0.tar.gz")], `${gh.url}/__api__/sources/biolocal/files/ghanno_1.0.1.tar.gz?bioc-section=data/anotation`);
    expect(bad.status).toBe(400);
    expect(bad.body).toMatch(/unknown Bioconductor section 'data\/anotation' \(did you mean 'data\/annotation'\?\)/);
  });
});
