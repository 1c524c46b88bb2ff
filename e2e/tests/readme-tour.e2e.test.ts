import { spawnSync } from "node:child_process";
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { hasClient } from "../support/clients.js";
import { buildWithCph } from "../support/conda-packages.js";
import { type RunningGatehouse, repoRoot, startGatehouse } from "../support/gatehouse.js";
import { buildPythonPackage, resolvePython } from "../support/python-packages.js";
import { buildRPackage, rString } from "../support/r-client.js";

// The README's five-minute tour, run as written: every ```sh block of that section (bar those marked
// `<!-- tour-test: skip … -->`) in one bash session, with only the server's address, its token and the
// clone's path put in. Real twine, pip, R, BiocManager, curl, and rattler standing in for conda.

const TOUR_START = "## A five-minute tour";
const SKIP = /<!-- tour-test: skip[^>]*-->\s*$/;

/** The tour's runnable shell blocks, in order. */
export function tourBlocks(readme: string): string[] {
  const start = readme.indexOf(TOUR_START);
  if (start === -1) throw new Error(`README.md has no "${TOUR_START}" section`);
  const next = readme.indexOf("\n## ", start + TOUR_START.length);
  const section = readme.slice(start, next === -1 ? undefined : next);
  const blocks: string[] = [];
  const fence = /```sh\n([\s\S]*?)```/g;
  let skipNext = false;
  let last = 0;
  for (let m = fence.exec(section); m !== null; m = fence.exec(section)) {
    const between = section.slice(last, m.index);
    skipNext = between.split("\n").some((line) => SKIP.test(line));
    last = m.index + m[0].length;
    if (!skipNext) blocks.push(m[1] ?? "");
  }
  return blocks;
}

const clientsHere =
  hasClient("twine") && hasClient("curl") && hasClient("cph", ["--help"]) && hasClient("Rscript", ["-e", "stopifnot(requireNamespace('BiocManager', quietly = TRUE))"]);

describe.runIf(clientsHere)("README tour, run literally with real clients", () => {
  let gh: RunningGatehouse;
  let work = "";
  let home = "";
  let rlib = "";
  let python = "";
  let tour: { code: number; output: string } = { code: -1, output: "" };
  const env = () => ({
    PATH: [join(work, "venv", "bin"), join(repoRoot, "e2e", "support", "bin"), dirname(process.execPath), "/usr/bin", "/bin"].join(":"),
    HOME: home,
    R_LIBS: rlib,
    LANG: "C.UTF-8",
    PIP_DISABLE_PIP_VERSION_CHECK: "1",
    PIP_NO_INPUT: "1",
    PIP_NO_CACHE_DIR: "1",
    NODE_PATH: join(repoRoot, "e2e", "node_modules"),
  });

  beforeAll(async () => {
    // The server starts while the package files are built (CI time is tight).
    const starting = startGatehouse();
    try {
      work = mkdtempSync(join(tmpdir(), "gh-tour-"));
      home = join(work, "home");
      rlib = join(work, "rlib");
      for (const dir of [home, rlib, join(work, "dist")]) mkdirSync(dir, { recursive: true });
      python = resolvePython();
      // The tour's `pip install` goes into a venv; pip itself comes from the machine's python (no copy to install: CI time).
      const venv = spawnSync(python, ["-m", "venv", "--without-pip", "--system-site-packages", join(work, "venv")], { encoding: "utf8" });
      expect(venv.status, venv.stderr).toBe(0);
      writeFileSync(join(work, "venv", "bin", "pip"), '#!/bin/sh\nexec "$(dirname "$0")/python" -m pip "$@"\n', { mode: 0o755 });
      for (const version of ["1.0", "1.1"]) {
        buildPythonPackage(python, join(work, "dist"), { name: "mypkg", version });
        const conda = buildWithCph({ name: "mypkg", version, subdir: "noarch", format: "conda" }, mkdtempSync(join(tmpdir(), "gh-tour-conda-")));
        copyFileSync(conda.path, join(work, conda.filename));
      }
      buildRPackage(work, { package: "mypkg", version: "1.0" });
      buildRPackage(work, { package: "mybiocpkg", version: "1.0.0" });
    } finally {
      gh = await starting;
    }

    const readme = readFileSync(join(repoRoot, "README.md"), "utf8");
    const script = tourBlocks(readme)
      .join("\n")
      .replaceAll("http://127.0.0.1:4242", gh.url)
      .replaceAll("gth-…", gh.adminToken)
      .replaceAll("~/gatehouse", repoRoot);
    const started = Date.now();
    const r = spawnSync("bash", ["-euo", "pipefail", "-x", "-c", script], { cwd: work, env: env(), encoding: "utf8", timeout: 240_000 });
    tour = { code: r.status ?? -1, output: `${r.stdout ?? ""}${r.stderr ?? ""}` };
    console.log(`README tour ran in ${((Date.now() - started) / 1000).toFixed(1)} s`);
  }, 300_000);
  afterAll(async () => {
    await gh?.stop();
    if (work) rmSync(work, { recursive: true, force: true });
  });

  it("runs every block of the tour to the end", () => {
    expect(tour.code, tour.output.slice(-6000)).toBe(0);
    expect(tour.output).toContain("Successfully installed mypkg-1.1");
    expect(tour.output).not.toMatch(/command not found/);
  });

  it("configuring pip, then R and Bioconductor with another token, leaves all three working", () => {
    expect(tour.output).toMatch(/minted a repos:read token for repos 'cran', 'bioc', 'pypi'/);
    expect(readdirSync(rlib).sort()).toEqual(expect.arrayContaining(["mybiocpkg", "mypkg"]));
    // pip reinstalled after the R set-up replaced the netrc token.
    expect(tour.output.match(/Successfully installed mypkg-1\.1/g)?.length).toBe(2);
    expect(tour.output).toMatch(/mypkg 1\.1 .*\/channel\/noarch\/mypkg-1\.1-0\.conda/);
  });

  it("the Connect set-up under --root lets R (curl method) and pip install with nothing else configured", () => {
    const root = join(work, "connect-root");
    const envFile = readFileSync(join(root, "etc/default/rstudio-connect"), "utf8");
    const netrc = /^NETRC=(.*)$/m.exec(envFile)?.[1] ?? "";
    expect(existsSync(netrc)).toBe(true);
    const connectEnv = { PATH: "/usr/bin:/bin", HOME: join(root, "home/rstudio-connect"), NETRC: netrc, PIP_CONFIG_FILE: join(root, "etc/pip.conf"), PIP_DISABLE_PIP_VERSION_CHECK: "1" };
    const target = mkdtempSync(join(tmpdir(), "gh-tour-connect-py-"));
    const pip = spawnSync(python, ["-m", "pip", "install", "--no-cache-dir", "--target", target, "mypkg"], { env: connectEnv, encoding: "utf8" });
    expect(`${pip.stdout}${pip.stderr}`).toMatch(/Successfully installed mypkg/);
    const lib = mkdtempSync(join(tmpdir(), "gh-tour-connect-r-"));
    const script = `options(download.file.method = "curl"); install.packages("mypkg", lib = ${rString(lib)}, repos = ${rString(`${gh.url}/cran/latest`)})`;
    const r = spawnSync("Rscript", ["--vanilla", "-e", script], { env: connectEnv, encoding: "utf8" });
    expect(r.status, `${r.stdout}${r.stderr}`).toBe(0);
    expect(readdirSync(lib)).toContain("mypkg");
  });
});
