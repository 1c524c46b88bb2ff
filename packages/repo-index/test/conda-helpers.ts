// Builds real conda packages for the tests: by hand with python3's tarfile/zipfile, and with cph.
import { spawnSync } from "node:child_process";
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";

/** When set, a missing client fails the tests instead of skipping them. */
export const requireClients = process.env["GATEHOUSE_REQUIRE_CLIENTS"] === "1";

/** Whether `command --version` runs. */
export function hasCommand(command: string): boolean {
  return spawnSync(command, ["--version"], { stdio: "ignore" }).status === 0;
}

/** A fresh temporary folder, removed by `removeTempDirs`. */
const tempDirs: string[] = [];
export function makeTempDir(): string {
  const dir = mkdtempSync(join(tmpdir(), "gatehouse-conda-"));
  tempDirs.push(dir);
  return dir;
}

/** Removes every folder made by `makeTempDir`. */
export function removeTempDirs(): void {
  for (const dir of tempDirs.splice(0)) rmSync(dir, { recursive: true, force: true });
}

/** One member of a hand-built tarball. */
export type TarMember =
  | { name: string; text: string }
  | { name: string; zeros: number }
  | { name: string; kind: "symlink" | "hardlink"; target: string }
  | { name: string; kind: "dir" | "fifo" };

const TAR_SCRIPT = `
import io, json, sys, tarfile
spec = json.loads(sys.stdin.read())
with tarfile.open(spec["out"], "w:" + spec["compression"]) as tar:
    for m in spec["members"]:
        info = tarfile.TarInfo(m["name"])
        kind = m.get("kind", "file")
        if kind == "file":
            data = m["text"].encode() if "text" in m else bytes(m["zeros"])
            info.size = len(data)
            tar.addfile(info, io.BytesIO(data))
            continue
        info.type = {"symlink": tarfile.SYMTYPE, "hardlink": tarfile.LNKTYPE, "dir": tarfile.DIRTYPE, "fifo": tarfile.FIFOTYPE}[kind]
        info.linkname = m.get("target", "")
        tar.addfile(info)
`;

function runPython(script: string, input: unknown): void {
  const run = spawnSync("python3", ["-c", script], { input: JSON.stringify(input), encoding: "utf8" });
  if (run.status !== 0) throw new Error(`python3 failed: ${run.stderr}`);
}

/** Writes a tarball (bz2 by default) with exactly these members, in this order. */
export function writeTarball(out: string, members: readonly TarMember[], compression: "bz2" | "" = "bz2"): string {
  runPython(TAR_SCRIPT, { out, members, compression });
  return out;
}

const ZIP_SCRIPT = `
import json, sys, zipfile
spec = json.loads(sys.stdin.read())
with zipfile.ZipFile(spec["src"]) as src, zipfile.ZipFile(spec["out"], "w") as out:
    for item in src.infolist():
        if item.filename not in spec["drop"]:
            out.writestr(item, src.read(item.filename))
    for name, text in spec["add"]:
        out.writestr(name, text)
`;

/** Copies a zip, dropping some entries and adding others (names written as given). */
export function rewriteZip(src: string, out: string, change: { drop?: string[]; add?: [string, string][] }): string {
  runPython(ZIP_SCRIPT, { src, out, drop: change.drop ?? [], add: change.add ?? [] });
  return out;
}

/** Writes a package folder: info/index.json (+ about.json) and a payload file. */
export function writePackageFolder(
  root: string,
  index: Record<string, unknown>,
  extra: { about?: Record<string, unknown>; files?: Record<string, string | Buffer> } = {},
): string {
  const files: Record<string, string | Buffer> = { "info/index.json": JSON.stringify(index), ...extra.files };
  if (extra.about !== undefined) files["info/about.json"] = JSON.stringify(extra.about);
  for (const [path, content] of Object.entries(files)) {
    mkdirSync(dirname(join(root, path)), { recursive: true });
    writeFileSync(join(root, path), content);
  }
  return root;
}

/** Runs `cph create` and returns the path of the package it wrote. */
export function cphCreate(folder: string, filename: string, outDir: string): string {
  const run = spawnSync("cph", ["create", folder, filename, "--out-folder", outDir], { encoding: "utf8" });
  if (run.status !== 0) throw new Error(`cph create failed: ${run.stderr}`);
  return join(outDir, filename);
}

/** A minimal valid info/index.json. */
export function indexJson(name: string, version: string, build: string, extra: Record<string, unknown> = {}) {
  return { name, version, build, build_number: 0, subdir: "noarch", depends: [], ...extra };
}
