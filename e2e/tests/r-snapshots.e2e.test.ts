import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { hasClient } from "../support/clients.js";
import { curl } from "../support/curl.js";
import { type RunningGatehouse, startGatehouse } from "../support/gatehouse.js";
import { buildRPackage, createRepo, makeRHome, rString, runR, uploadFile } from "../support/r-client.js";
import { shiftedClockEnv } from "../support/r-clock.js";

const hasR = hasClient("Rscript") && hasClient("curl");
const DAY = 86_400_000;

describe.runIf(hasR)("R snapshots end to end: a dated snapshot keeps the old version, latest archives it", () => {
  let gh: RunningGatehouse;
  let dataDir = "";
  let pkgDir = "";
  let home = "";
  let lib = "";
  let oldTarball = "";
  // Version 1.0 is published three days ago (server clock shifted back), 1.1 now.
  const then = new Date(Date.now() - 3 * DAY).toISOString().slice(0, 10);

  beforeAll(async () => {
    dataDir = mkdtempSync(join(tmpdir(), "gh-rsnap-"));
    pkgDir = mkdtempSync(join(tmpdir(), "gh-rsnapbuild-"));
    ({ home, lib } = makeRHome());
    const past = await startGatehouse({ dataDir, env: shiftedClockEnv(-3 * DAY) });
    const adminToken = past.adminToken;
    try {
      createRepo(past, { repo: "rsnap", source: "snaplocal", type: "r", authenticated: false });
      oldTarball = buildRPackage(pkgDir, { package: "ghsnap", version: "1.0" });
      uploadFile(past, "snaplocal", oldTarball);
    } finally {
      await past.stop();
    }
    gh = { ...(await startGatehouse({ dataDir })), adminToken };
    uploadFile(gh, "snaplocal", buildRPackage(pkgDir, { package: "ghsnap", version: "1.1" }));
  });
  afterAll(async () => {
    await gh?.stop();
    for (const dir of [dataDir, pkgDir, home]) if (dir) rmSync(dir, { recursive: true, force: true });
  });

  it("available.packages() sees 1.0 in the dated snapshot and 1.1 in latest", () => {
    const script = ["latest", then, "2000-01-01"]
      .map((s) => `a <- available.packages(repos = ${rString(`${gh.url}/rsnap/${s}`)}, type = "source"); cat("${s}:", a[, "Version"], "\\n")`)
      .join("; ");
    const r = runR(script, { home });
    expect(r.code, r.output).toBe(0);
    expect(r.stdout).toContain("latest: 1.1 \n");
    expect(r.stdout).toContain(`${then}: 1.0 \n`);
    expect(r.stdout).toMatch(/2000-01-01: +\n/);
  });

  it("serves the old version from Archive/ in latest and at the top level of the dated snapshot", () => {
    const bytes = readFileSync(oldTarball).toString("latin1");
    const archived = curl([], `${gh.url}/rsnap/latest/src/contrib/Archive/ghsnap/ghsnap_1.0.tar.gz`);
    expect(archived.status).toBe(200);
    expect(archived.headers["content-length"]).toBe(String(bytes.length));
    expect(curl([], `${gh.url}/rsnap/${then}/src/contrib/ghsnap_1.1.tar.gz`).status).toBe(404);
  });

  it("install.packages() from the dated snapshot installs 1.0", () => {
    const script = [
      `install.packages("ghsnap", repos = ${rString(`${gh.url}/rsnap/${then}`)}, lib = ${rString(lib)}, type = "source", quiet = TRUE)`,
      `cat("INSTALLED:", as.character(packageVersion("ghsnap", lib.loc = ${rString(lib)})), "\\n")`,
    ].join("; ");
    const r = runR(script, { home });
    expect(r.code, r.output).toBe(0);
    expect(r.stdout).toContain("INSTALLED: 1.0");
  });
});
