import { spawnSync } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type CranTestApp, createRepoWithSource, openCranTestApp } from "../../../test/support/cran-test-app.js";
import { makeRTarball } from "../../../test/support/make-r-tarball.js";

const hasR = spawnSync("Rscript", ["--version"], { stdio: "ignore" }).status === 0;
if (!hasR && process.env.GATEHOUSE_REQUIRE_CLIENTS === "1") throw new Error("Rscript is required (GATEHOUSE_REQUIRE_CLIENTS=1) to read archive.rds");

let t: CranTestApp;
let dir = "";
beforeAll(async () => {
  t = await openCranTestApp();
  dir = mkdtempSync(join(tmpdir(), "gh-archive-rds-"));
  await createRepoWithSource(t, { repo: "cran", source: "rsrc", type: "r" });
  for (const [pkg, version] of [["foo", "1.0"], ["foo", "1.10"], ["foo", "1.9"], ["bar", "0.1-2"], ["baz", "2.0"], ["baz", "2.0-1"]] as const) {
    const res = await t.upload("rsrc", `${pkg}_${version}.tar.gz`, makeRTarball({ package: pkg, version }), "");
    expect(res.status, await res.clone().text()).toBe(201);
  }
}, 60_000);
afterAll(async () => {
  await t?.close();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

describe("src/contrib/Meta/archive.rds", () => {
  it.runIf(hasR)("is a named list of file.info() data frames of the archived versions, as R's readRDS reads it", async () => {
    const res = await t.app.request("/cran/latest/src/contrib/Meta/archive.rds");
    expect(res.status).toBe(200);
    const file = join(dir, "archive.rds");
    writeFileSync(file, Buffer.from(await res.arrayBuffer()));
    const script = [
      `a <- readRDS(${JSON.stringify(file)})`,
      `cat("NAMES:", names(a), "\\n")`,
      `for (p in names(a)) cat("ROWS", p, ":", rownames(a[[p]]), "\\n")`,
      `d <- a$foo; cat("CLASS:", class(d), class(d$mtime), class(d$mode), "\\n"); cat("COLS:", names(d), "\\n")`,
      // What remotes::install_version() does with it: the newest archived version by mtime, and its size.
      `cat("SIZE:", all(d$size > 0), is.logical(d$isdir), "\\n")`,
      `cat("DB:", nrow(do.call(rbind, unname(a))), "\\n")`,
    ].join("; ");
    const r = spawnSync("Rscript", ["--vanilla", "-e", script], { encoding: "utf8" });
    expect(r.status, r.stderr).toBe(0);
    expect(r.stdout).toContain("NAMES: baz foo \n");
    expect(r.stdout).toContain("ROWS baz : baz/baz_2.0.tar.gz \n");
    expect(r.stdout).toContain("ROWS foo : foo/foo_1.0.tar.gz foo/foo_1.9.tar.gz \n");
    expect(r.stdout).toContain("CLASS: data.frame POSIXct POSIXt octmode \n");
    expect(r.stdout).toContain("COLS: size isdir mode mtime ctime atime uid gid uname grname \n");
    expect(r.stdout).toContain("SIZE: TRUE TRUE \n");
    expect(r.stdout).toContain("DB: 3 \n");
  });

  it("is served for snapshots, and its archived tarballs download from Archive/", async () => {
    expect((await t.app.request("/cran/2020-01-01/src/contrib/Meta/archive.rds")).status).toBe(200);
    expect((await t.app.request("/cran/latest/src/contrib/Archive/foo/foo_1.9.tar.gz")).status).toBe(200);
    expect((await t.app.request("/cran/latest/src/contrib/Meta/other.rds")).status).toBe(404);
  });
});
