import { spawnSync } from "node:child_process";
import { mkdirSync, mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { curl } from "./curl.js";
import type { RunningGatehouse } from "./gatehouse.js";

/** Output of one R run. */
export interface RResult {
  code: number;
  stdout: string;
  stderr: string;
  /** stdout and stderr together, for messages R prints to either. */
  output: string;
}

/** The installed R's `major.minor` (from `R --version`). */
export function installedRVersion(): string {
  const out = spawnSync("R", ["--version"], { encoding: "utf8" }).stdout ?? "";
  const m = /R version (\d+)\.(\d+)/.exec(out);
  if (!m) throw new Error(`cannot read the R version from: ${out.slice(0, 200)}`);
  return `${m[1]}.${m[2]}`;
}

/** The Bioconductor release made for an R 4.x (the second of its pair: R 4.2 → 3.16), which BiocManager accepts there. */
export function biocReleaseForR(r: string): string {
  const [major, minor] = r.split(".").map(Number);
  if (major !== 4 || minor === undefined) throw new Error(`no Bioconductor release is known for R ${r}`);
  return `3.${12 + 2 * minor}`;
}

/**
 * Runs `Rscript -e script` in a clean environment: HOME is `home` (so R and curl read only the
 * files a test wrote there), no site or user profile unless `profile` is given.
 */
export function runR(script: string, options: { home: string; profile?: string; env?: Record<string, string> }): RResult {
  const env: Record<string, string | undefined> = {
    ...process.env,
    HOME: options.home,
    LANG: "C.UTF-8",
    LC_ALL: "C.UTF-8",
    R_PROFILE_USER: options.profile ?? join(options.home, "no-profile.R"),
    R_ENVIRON_USER: join(options.home, "no-renviron"),
    CURL_HOME: undefined,
    ...options.env,
  };
  const r = spawnSync("Rscript", ["-e", script], { encoding: "utf8", env, timeout: 300_000 });
  const stdout = r.stdout ?? "";
  const stderr = r.stderr ?? "";
  return { code: r.status ?? -1, stdout, stderr, output: `${stdout}\n${stderr}` };
}

/** An R string literal. */
export function rString(s: string): string {
  return JSON.stringify(s);
}

/**
 * Builds a pure-R source package with the real `R CMD build` and returns the path of `<pkg>_<ver>.tar.gz`.
 * @example buildRPackage(dir, { package: "ghapp", version: "1.0", imports: ["ghbase"] })
 */
export function buildRPackage(dir: string, spec: { package: string; version: string; imports?: string[] }): string {
  const src = mkdtempSync(join(tmpdir(), "gh-rpkg-"));
  const root = join(src, spec.package);
  mkdirSync(join(root, "R"), { recursive: true });
  const imports = spec.imports ?? [];
  const description = [
    `Package: ${spec.package}`,
    `Version: ${spec.version}`,
    `Title: Gatehouse Test Package ${spec.package}`,
    "Description: A package built by the Gatehouse end-to-end tests.",
    "Authors@R: person('Gate', 'House', email = 'gh@example.com', role = c('aut', 'cre'))",
    "License: MIT + file LICENSE",
    ...(imports.length ? [`Imports: ${imports.join(", ")}`] : []),
    "",
  ].join("\n");
  writeFileSync(join(root, "DESCRIPTION"), description);
  writeFileSync(join(root, "LICENSE"), "YEAR: 2025\nCOPYRIGHT HOLDER: Gatehouse\n");
  const body = imports.length ? `paste("${spec.package} ${spec.version} uses", ${imports[0]}::hello())` : `"${spec.package} ${spec.version}"`;
  writeFileSync(join(root, "R", `${spec.package}.R`), `hello <- function() ${body}\n`);
  // `pkg::hello()` needs the package in Imports only; the NAMESPACE exports our own function.
  writeFileSync(join(root, "NAMESPACE"), "export(hello)\n");
  const r = spawnSync("R", ["CMD", "build", "--no-build-vignettes", "--no-manual", root], { cwd: dir, encoding: "utf8", timeout: 120_000 });
  if (r.status !== 0) throw new Error(`R CMD build failed:\n${r.stdout}\n${r.stderr}`);
  return join(dir, `${spec.package}_${spec.version}.tar.gz`);
}

/** Uploads a file into a source with the admin token (the raw upload API, as `gatehouse add` does), returning the status. */
export function uploadFile(gh: RunningGatehouse, source: string, path: string, query = ""): number {
  const name = path.split("/").at(-1) ?? path;
  const res = curl(["-u", `__token__:${gh.adminToken}`, "--upload-file", path], `${gh.url}/__api__/sources/${source}/files/${name}${query}`);
  if (res.status !== 201) throw new Error(`upload of ${name} failed: ${res.status} ${res.body}`);
  return res.status;
}

/** Creates a source, a repo of that type and the subscription, through the JSON API with the admin token. */
export function createRepo(gh: RunningGatehouse, spec: { repo: string; source: string; type: "r" | "bioconductor"; authenticated: boolean }): void {
  const post = (path: string, body: unknown) => {
    const res = curl(["-u", `__token__:${gh.adminToken}`, "-H", "content-type: application/json", "--data", JSON.stringify(body)], `${gh.url}/__api__${path}`);
    if (res.status !== 201 && res.status !== 200) throw new Error(`POST ${path}: ${res.status} ${res.body}`);
  };
  post("/sources", { name: spec.source, kind: spec.type });
  post("/repos", { name: spec.repo, type: spec.type, authenticated: spec.authenticated });
  post(`/repos/${spec.repo}/subscriptions`, { source: spec.source });
}

/** A fresh temp folder usable as HOME and library for one R run. */
export function makeRHome(): { home: string; lib: string } {
  const home = mkdtempSync(join(tmpdir(), "gh-rhome-"));
  const lib = join(home, "lib");
  mkdirSync(lib);
  return { home, lib };
}
