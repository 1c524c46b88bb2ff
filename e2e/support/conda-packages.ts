import { spawnSync } from "node:child_process";
import { createHash } from "node:crypto";
import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";

/** What a test conda package declares (its info/index.json). */
export interface CondaPackageSpec {
  name: string;
  version: string;
  subdir: "noarch" | "linux-64";
  depends?: string[];
  format: "conda" | "tar.bz2";
}

/** A package file written by cph, with its digest. */
export interface CondaPackageFile {
  filename: string;
  path: string;
  sha256: string;
  /** The payload file inside the package and the text it holds. */
  payload: { path: string; text: string };
}

function sha256Hex(bytes: Buffer): string {
  return createHash("sha256").update(bytes).digest("hex");
}

/**
 * Builds a real conda package with Debian's `cph` (conda-package-handling):
 * info/index.json, about.json and paths.json plus one payload file.
 */
export function buildWithCph(spec: CondaPackageSpec, workDir: string): CondaPackageFile {
  const stem = `${spec.name}-${spec.version}-0`;
  const folder = join(workDir, "src", stem);
  const payload = { path: `share/${spec.name}/VERSION`, text: `${spec.name} ${spec.version}\n` };
  const linux = spec.subdir === "linux-64" ? { arch: "x86_64", platform: "linux" } : {};
  const index = { name: spec.name, version: spec.version, build: "0", build_number: 0, subdir: spec.subdir, depends: spec.depends ?? [], license: "MIT", timestamp: 1_735_689_600_000, ...linux };
  const about = { summary: `${spec.name} built by the e2e suite`, home: "https://example.com", license: "MIT" };
  const paths = { paths_version: 1, paths: [{ _path: payload.path, path_type: "hardlink", sha256: sha256Hex(Buffer.from(payload.text)), size_in_bytes: payload.text.length }] };
  for (const [path, text] of [
    ["info/index.json", JSON.stringify(index)],
    ["info/about.json", JSON.stringify(about)],
    ["info/paths.json", JSON.stringify(paths)],
    [payload.path, payload.text],
  ] as const) {
    mkdirSync(join(folder, path, ".."), { recursive: true });
    writeFileSync(join(folder, path), text);
  }
  const out = join(workDir, "out");
  mkdirSync(out, { recursive: true });
  const filename = `${stem}.${spec.format}`;
  const run = spawnSync("cph", ["create", folder, filename, "--out-folder", out], { encoding: "utf8" });
  if (run.status !== 0) throw new Error(`cph create ${filename} failed: ${run.stderr}`);
  const path = join(out, filename);
  return { filename, path, sha256: sha256Hex(readFileSync(path)), payload };
}

/** Extracts a package with `cph x` into dest and returns the payload's text. */
export function extractWithCph(archive: string, dest: string, payloadPath: string): string {
  const run = spawnSync("cph", ["x", archive, "--dest", dest], { encoding: "utf8" });
  if (run.status !== 0) throw new Error(`cph x ${archive} failed: ${run.stderr}`);
  return readFileSync(join(dest, payloadPath), "utf8");
}

/** sha256 of a file on disk. */
export function sha256OfFile(path: string): string {
  return sha256Hex(readFileSync(path));
}
