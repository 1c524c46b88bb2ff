import { spawnSync } from "node:child_process";
import { mkdirSync, mkdtempSync, readdirSync, rmSync, utimesSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { THIS_PROCESS, newStagingName, stagingOwnerOf, sweepStaging } from "../src/index.js";
import { FsBlobStore } from "../src/blobs/fs-blob-store.js";

const root = mkdtempSync(join(tmpdir(), "gh-sweep-"));
afterAll(() => rmSync(root, { recursive: true, force: true }));

/** The pid of a process that has exited (a killed upload's server). */
function deadPid(): number {
  const child = spawnSync(process.execPath, ["-e", "process.stdout.write(String(process.pid))"], { encoding: "utf8" });
  return Number(child.stdout);
}

function nameOf(owner: { host: string; pid: number; instance: string }): string {
  return `stage~${owner.host}~${owner.pid}~${owner.instance}~${Date.now()}~0123456789abcdef.part`;
}

const HOUR = 3600_000;

describe("staging sweep", () => {
  it("names staged files by their owner, and reads the owner back", () => {
    expect(stagingOwnerOf(newStagingName())).toEqual(THIS_PROCESS);
    expect(stagingOwnerOf("1733000000000-0123456789abcdef.part")).toBeNull();
  });

  it("removes a dead process's file at once, keeps live and foreign ones until stale, and only counts on a dry run", async () => {
    const dir = join(root, "tmp");
    const files = {
      dead: nameOf({ ...THIS_PROCESS, pid: deadPid() }),
      // Same pid as this process but another instance: a previous run (pid 1 in a container).
      previous: nameOf({ ...THIS_PROCESS, instance: "00000000" }),
      live: newStagingName(),
      foreign: nameOf({ host: "other-node", pid: 12345, instance: "abcdef01" }),
      staleForeign: nameOf({ host: "other-node", pid: 12346, instance: "abcdef02" }),
      legacyStale: "1733000000000-0123456789abcdef.part",
      notOurs: "README",
    };
    rmSync(dir, { recursive: true, force: true });
    mkdirSync(dir, { recursive: true });
    for (const name of Object.values(files)) writeFileSync(join(dir, name), "x".repeat(10));
    const old = new Date(Date.now() - 30 * HOUR);
    for (const name of [files.staleForeign, files.legacyStale, files.notOurs]) utimesSync(join(dir, name), old, old);

    const policy = { staleAfterMs: 24 * HOUR, now: new Date() };
    expect(await sweepStaging(dir, { ...policy, dryRun: true })).toEqual({ files: 4, bytes: 40 });
    expect(readdirSync(dir)).toHaveLength(7);
    expect(await sweepStaging(dir, { ...policy, dryRun: false })).toEqual({ files: 4, bytes: 40 });
    expect(readdirSync(dir).sort()).toEqual([files.foreign, files.live, files.notOurs].sort());
  });

  it("is part of the folder store's cleanStaging, and a missing folder is nothing to clean", async () => {
    const store = new FsBlobStore(join(root, "store"));
    expect(await store.cleanStaging({ staleAfterMs: HOUR, now: new Date(), dryRun: false })).toEqual({ files: 0, bytes: 0, multipartUploads: 0 });
    const staged = await store.stage([Buffer.from("abc")], { maxBytes: 10 });
    // A live upload's staged file survives a sweep.
    expect(await store.cleanStaging({ staleAfterMs: HOUR, now: new Date(), dryRun: false })).toMatchObject({ files: 0 });
    await store.commit(staged);
    expect(await store.stat(staged.sha256)).toEqual({ size: 3 });
  });
});
