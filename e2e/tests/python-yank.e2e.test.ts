import { mkdtempSync, readdirSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { hasClient } from "../support/clients.js";
import { type RunningGatehouse, startGatehouse } from "../support/gatehouse.js";
import { createPythonRepo, makeHome, runPip } from "../support/python-clients.js";
import { type BuiltPythonFile, buildPythonPackage, resolvePython } from "../support/python-packages.js";

const python = hasClient("python3") ? resolvePython() : "";
const ready = python !== "" && hasClient(python, ["-m", "pip", "--version"]);

// PEP 592 with the real pip: a yanked version is skipped unless a requirement pins it exactly.
describe.skipIf(!ready)("python yanks (gatehouse yank, real pip)", () => {
  let gh: RunningGatehouse;
  let work: string;
  let home: string;
  let newer: BuiltPythonFile;
  let older: BuiltPythonFile;
  let run = 0;
  const download = (requirement: string) => {
    const dir = join(work, `d${run++}`);
    const r = runPip(python, ["download", "--no-deps", "-d", dir, "--index-url", `${gh.url}/pyyank/simple/`, requirement], { home });
    return { ...r, files: r.code === 0 ? readdirSync(dir) : [] };
  };

  beforeAll(async () => {
    gh = await startGatehouse();
    work = mkdtempSync(join(tmpdir(), "gh-py-yank-"));
    home = makeHome();
    await createPythonRepo(gh, "pyyank", "pyyank-local", false);
    older = buildPythonPackage(python, work, { name: "gh_yanky", version: "1.0" }).wheel;
    newer = buildPythonPackage(python, work, { name: "gh_yanky", version: "1.1" }).wheel;
    for (const file of [older, newer]) {
      const added = gh.cli(["add", "--source", "pyyank-local", "--path", file.path]);
      if (added.code !== 0) throw new Error(`gatehouse add failed: ${added.stderr}`);
    }
  });
  afterAll(async () => {
    await gh?.stop();
    if (work) rmSync(work, { recursive: true, force: true });
    if (home) rmSync(home, { recursive: true, force: true });
  });

  it("skips a yanked version unless pinned, and serves it again after --undo", () => {
    expect(download("gh-yanky").files).toEqual([newer.filename]);
    const yanked = gh.cli(["yank", "--source", "pyyank-local", "--file", newer.filename, "--reason", "broken build"]);
    expect(yanked.code, yanked.stderr).toBe(0);
    expect(download("gh-yanky").files).toEqual([older.filename]);
    const pinned = download("gh-yanky==1.1");
    expect(pinned.files).toEqual([newer.filename]);
    expect(pinned.output).toMatch(/yanked.*broken build/is);
    expect(gh.cli(["yank", "--source", "pyyank-local", "--file", newer.filename, "--undo"]).code).toBe(0);
    expect(download("gh-yanky").files).toEqual([newer.filename]);
  });
});
