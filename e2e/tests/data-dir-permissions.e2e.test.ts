import { spawnSync } from "node:child_process";
import { chmodSync, lstatSync, mkdirSync, mkdtempSync, readdirSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type RunningGatehouse, runCli, startGatehouse } from "../support/gatehouse.js";
import { createPythonRepo } from "../support/python-clients.js";
import { buildPythonPackage, resolvePython } from "../support/python-packages.js";

// A fresh embedded database used to leave 969 files 0666 under pgdata/: any local user could
// rewrite the database. One server on an empty data folder an operator made 0777.

/** Every entry under a folder (the folder too) with a group or other permission bit, as find(1) sees it. */
function openToOthers(root: string): string[] {
  const found = spawnSync("find", [root, "!", "-type", "l", "-perm", "/077", "-printf", "%p %m\\n"], { encoding: "utf8" });
  expect(found.status, found.stderr).toBe(0);
  return found.stdout.split("\n").filter(Boolean);
}

describe.skipIf(process.platform === "win32")("data folder permissions on the real server", () => {
  const work = mkdtempSync(join(tmpdir(), "gh-perms-e2e-"));
  const dataDir = join(work, "data");
  let gh: RunningGatehouse;
  beforeAll(async () => {
    mkdirSync(dataDir);
    chmodSync(dataDir, 0o777);
    gh = await startGatehouse({ dataDir });
    await createPythonRepo(gh, "pypi", "internal", true);
    const built = buildPythonPackage(resolvePython(), work, { name: "perm-demo", version: "1.0" });
    const added = gh.cli(["add", "--source", "internal", "--path", built.wheel.path]);
    expect(added.code, added.stderr).toBe(0);
  });
  afterAll(async () => {
    await gh?.stop();
    rmSync(work, { recursive: true, force: true });
  });

  it("warns at start naming the 0777 data folder, and made it owner-only", () => {
    const warning = gh
      .logs()
      .split("\n")
      .find((line) => line.includes("open to other users"));
    expect(warning, gh.logs()).toBeDefined();
    expect(JSON.parse(warning ?? "{}")).toMatchObject({ level: 40, dataDir, msg: expect.stringContaining(`${dataDir} (0777)`) });
    expect(lstatSync(dataDir).mode & 0o777).toBe(0o700);
  });

  it("leaves nothing under the data folder open to others after a repo was made and a file uploaded", () => {
    expect(readdirSync(join(dataDir, "pgdata")).length).toBeGreaterThan(0);
    expect(readdirSync(join(dataDir, "files", "blobs")).length).toBeGreaterThan(0);
    expect(openToOthers(dataDir)).toEqual([]);
  });

  it("warns on stderr when the CLI opens the folder in local mode after it was opened up again", async () => {
    await gh.stop();
    chmodSync(join(dataDir, "files"), 0o775);
    const listed = runCli(["list", "repos", "--data", dataDir]);
    expect(listed.code, listed.stderr).toBe(0);
    expect(listed.stderr).toContain(`gatehouse: warning: data folder ${dataDir}: 1 entry was open to other users and is now owner-only: ${join(dataDir, "files")} (0775)`);
    expect(openToOthers(dataDir)).toEqual([]);
  });
});
