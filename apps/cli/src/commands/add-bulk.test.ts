import { spawnSync } from "node:child_process";
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { type RunningServer, loadConfig, startServer } from "@gatehouse/api";
import type { Config } from "@oclif/core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { expandPaths, globToRegExp } from "../bulk/expand-paths.js";
import type { COMMANDS } from "../index.js";
import { type CliRun, type EnvOverrides, loadCliConfig, runCommand } from "../testing/run-command.js";

interface Summary {
  mode: string;
  files: number;
  added: number;
  skipped: number;
  refused: number;
  refusals: { filename: string; path: string; code: string; reason: string }[];
}

// Real wheels from python3's zipfile, all of a test's in one python run (the server inspects them).
const WHEELS = `
import json, sys, zipfile
for spec in json.loads(sys.stdin.read()):
    dist, ver = spec["name"].replace("-", "_"), spec["version"]
    info = "%s-%s.dist-info" % (dist, ver)
    with zipfile.ZipFile(spec["out"], "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr(dist + "/__init__.py", "")
        z.writestr(info + "/METADATA", "Metadata-Version: 2.1\\nName: %s\\nVersion: %s\\n%s\\n" % (spec["name"], ver, spec["extra"]))
        z.writestr(info + "/WHEEL", "Wheel-Version: 1.0\\nRoot-Is-Purelib: true\\nTag: py3-none-any\\n")
        z.writestr(info + "/RECORD", "")
`;

/** Writes wheels (name, version, extra METADATA lines) as dir/<filename>; returns their filenames. */
function writeWheels(specs: { dir: string; name: string; version?: string; extra?: string }[]): string[] {
  const full = specs.map((s) => ({ name: s.name, version: s.version ?? "1.0", extra: s.extra ?? "", out: join(s.dir, `${s.name.replace(/-/g, "_")}-${s.version ?? "1.0"}-py3-none-any.whl`) }));
  for (const s of specs) mkdirSync(s.dir, { recursive: true });
  const r = spawnSync("python3", ["-c", WHEELS], { input: JSON.stringify(full), encoding: "utf8" });
  if (r.status !== 0) throw new Error(`python3 could not write wheels: ${r.stderr}`);
  return full.map((f) => f.out.slice(f.out.lastIndexOf("/") + 1));
}

const work = mkdtempSync(join(tmpdir(), "gh-cli-bulk-"));
afterAll(() => rmSync(work, { recursive: true, force: true }));

/** Writes wheels of bulk-<prefix>-<i> 1.0 into dir/sub<i % 3>/, plus a README that is not a package. */
function wheelFolder(name: string, prefix: string, count: number): string {
  const dir = join(work, name);
  writeWheels(Array.from({ length: count }, (_, i) => ({ dir: join(dir, `sub${i % 3}`, "deeper"), name: `bulk-${prefix}-${i}` })));
  writeFileSync(join(dir, "README.txt"), "not a package");
  return dir;
}

let config: Config;
beforeAll(async () => {
  config = await loadCliConfig();
});

const gatehouse = (id: keyof typeof COMMANDS, argv: string[], env: EnvOverrides = {}): Promise<CliRun> => runCommand(config, id, argv, env);

describe("--path values", () => {
  it("globs: * within a name, ** across folders, [..] classes", () => {
    expect(globToRegExp("*.whl").test("a-1.0-py3-none-any.whl")).toBe(true);
    expect(globToRegExp("*.whl").test("x/a.whl")).toBe(false);
    expect(globToRegExp("**/*.whl").test("x/y/a.whl")).toBe(true);
    expect(globToRegExp("**/*.whl").test("a.whl")).toBe(true);
    expect(globToRegExp("a-[12].0.tar.gz").test("a-2.0.tar.gz")).toBe(true);
    expect(globToRegExp("a-[12].0.tar.gz").test("a-3.0.tar.gz")).toBe(false);
  });

  it("takes a folder's package files recursively, a glob's matches, each file once, and names what matched nothing", () => {
    const dir = wheelFolder("expand", "x", 4);
    const { files, missing } = expandPaths([dir, join(dir, "sub0/**/*.whl"), join(work, "nope"), join(dir, "*.conda")]);
    expect(files).toHaveLength(4);
    expect(files.every((f) => f.path.endsWith(".whl") && f.size > 0)).toBe(true);
    expect(missing.map((m) => m.reason)).toEqual([`cannot read ${join(work, "nope")}: no such file or folder`, `no file matches ${join(dir, "*.conda")}`]);
  });
});

describe("gatehouse add --path FOLDER|GLOB in local mode (in process)", () => {
  const dataDir = join(work, "local-data");
  const env = { GATEHOUSE_ADDRESS: undefined, GATEHOUSE_TOKEN: undefined, DATABASE_URL: undefined };
  const add = (args: string[]) => gatehouse("add", ["--source", "bulk", ...args, "--data", dataDir, "-o", "json"], env);

  it("adds a folder, then on a re-run skips what is there and refuses a name with other bytes", async () => {
    expect((await gatehouse("create:source", ["--name", "bulk", "--kind", "python", "--data", dataDir], env)).exitCode).toBe(0);
    const dir = wheelFolder("local", "l", 30);
    const first = await add(["--path", dir]);
    expect(first.exitCode, first.stderr).toBe(0);
    expect(JSON.parse(first.stdout) as Summary).toMatchObject({ mode: "in-process", files: 30, added: 30, skipped: 0, refused: 0, refusals: [] });

    // An interrupted import run again, with one file rebuilt under the same name and one new file.
    const [changed] = writeWheels([{ dir: join(dir, "sub1", "deeper"), name: "bulk-l-7", extra: "Summary: rebuilt" }]);
    writeWheels([{ dir: join(dir, "sub2"), name: "bulk-l-new" }]);
    const again = await add(["--path", join(dir, "**/*.whl")]);
    expect(again.exitCode).toBe(1);
    const summary = JSON.parse(again.stdout) as Summary;
    expect(summary).toMatchObject({ files: 31, added: 1, skipped: 29, refused: 1 });
    expect(summary.refusals).toEqual([
      { filename: changed, path: join(dir, "sub1", "deeper", changed ?? ""), code: "ALREADY_EXISTS", reason: expect.stringMatching(/already exists in source 'bulk'.*sha256 [0-9a-f]{64}, this one [0-9a-f]{64}/) },
    ]);
    expect(again.stderr).toMatch(/1 of 31 file\(s\) were not uploaded: bulk_l_7-1\.0-py3-none-any\.whl/);
  });

  it("refuses a path that names nothing, without stopping the others", async () => {
    const dir = wheelFolder("local-more", "m", 2);
    const run = await add(["--path", `${dir},${join(work, "missing-dir")}`]);
    expect(run.exitCode).toBe(1);
    expect(JSON.parse(run.stdout) as Summary).toMatchObject({ added: 2, refused: 1, refusals: [{ code: "NOT_FOUND", reason: `cannot read ${join(work, "missing-dir")}: no such file or folder` }] });
  });
});

describe("gatehouse add --path FOLDER in remote mode", () => {
  let server: RunningServer;
  beforeAll(async () => {
    server = await startServer(loadConfig({ GATEHOUSE_LOG_LEVEL: "silent" }, { host: "127.0.0.1", port: 0, dataDir: join(work, "server-data") }));
  });
  afterAll(async () => {
    await server?.close();
  });

  it("uploads a folder over HTTP, then skips it all on a re-run", async () => {
    const env = { GATEHOUSE_ADDRESS: server.url, GATEHOUSE_TOKEN: server.firstToken?.token, DATABASE_URL: undefined };
    expect((await gatehouse("create:source", ["--name", "bulk", "--kind", "python"], env)).exitCode).toBe(0);
    const dir = wheelFolder("remote", "r", 12);
    const first = await gatehouse("add", ["--source", "bulk", "--path", dir, "-o", "json"], env);
    expect(first.exitCode, first.stderr).toBe(0);
    expect(JSON.parse(first.stdout) as Summary).toMatchObject({ mode: "remote", files: 12, added: 12, skipped: 0, refused: 0 });
    const again = await gatehouse("add", ["--source", "bulk", "--path", dir, "-o", "json"], env);
    expect(JSON.parse(again.stdout) as Summary).toMatchObject({ files: 12, added: 0, skipped: 12, refused: 0 });
    const human = await gatehouse("add", ["--source", "bulk", "--path", dir], env);
    expect(human.stdout).toBe("");
    expect(human.stderr).toContain("skipped bulk_r_0-1.0-py3-none-any.whl: already there");
    expect(human.stderr).toMatch(/bulk: 12 file\(s\): 0 added, 12 skipped \(already there\), 0 refused/);
  });

  it("batches small files: a broken one and a same-name copy with other bytes are refused by name, the rest added", async () => {
    const env = { GATEHOUSE_ADDRESS: server.url, GATEHOUSE_TOKEN: server.firstToken?.token, DATABASE_URL: undefined };
    expect((await gatehouse("create:source", ["--name", "batched", "--kind", "python"], env)).exitCode).toBe(0);
    const dir = wheelFolder("remote-batch", "b", 250);
    writeFileSync(join(dir, "broken_pkg-1.0-py3-none-any.whl"), "not a zip");
    // The same filename twice in one import (two folders), with other bytes the second time.
    const [dup] = writeWheels([{ dir: join(dir, "copy"), name: "bulk-b-3", extra: "Summary: rebuilt" }]);
    const run = await gatehouse("add", ["--source", "batched", "--path", dir, "-o", "json"], env);
    expect(run.exitCode).toBe(1);
    const summary = JSON.parse(run.stdout) as Summary;
    expect(summary).toMatchObject({ mode: "remote", files: 252, added: 250, skipped: 0, refused: 2 });
    expect(summary.refusals.map((r) => [r.filename, r.code]).sort()).toEqual(
      [
        ["broken_pkg-1.0-py3-none-any.whl", expect.stringMatching(/^[A-Z_]+$/)],
        [dup, "ALREADY_EXISTS"],
      ].sort(),
    );
  });

  it("stops at once, naming the source, when the token may not upload to it (and uploads nothing)", async () => {
    const admin = { GATEHOUSE_ADDRESS: server.url, GATEHOUSE_TOKEN: server.firstToken?.token, DATABASE_URL: undefined };
    expect((await gatehouse("create:source", ["--name", "guarded", "--kind", "python"], admin)).exitCode).toBe(0);
    const minted = await gatehouse("create:token", ["--scope", "repos:read", "--repos", "*", "--description", "reader", "--user", "rita", "--quiet"], admin);
    expect(minted.exitCode, minted.stderr).toBe(0);
    const dir = wheelFolder("remote-forbidden", "f", 3);
    const run = await gatehouse("add", ["--source", "guarded", "--path", dir, "-o", "json"], { ...admin, GATEHOUSE_TOKEN: minted.stdout.trim() });
    expect(run.exitCode).not.toBe(0);
    expect(run.stderr).toMatch(/Denied: "source:write" on source "guarded"/);
    const after = await gatehouse("add", ["--source", "guarded", "--path", dir, "-o", "json"], admin);
    expect(JSON.parse(after.stdout) as Summary).toMatchObject({ added: 3, skipped: 0 });
  });
});
