import { spawnSync } from "node:child_process";
import { existsSync, mkdirSync, mkdtempSync, rmSync, utimesSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { type Domain, THIS_PROCESS, openDomain } from "@gatehouse/domain";
import pino from "pino";
import { afterEach, describe, expect, it } from "vitest";
import { scheduleGarbageCollection } from "../src/gc-schedule.js";

let domain: Domain | undefined;
let dataDir: string;
afterEach(async () => {
  await domain?.close();
  rmSync(dataDir, { recursive: true, force: true });
});

/** A staged file of a server process that died (its pid has exited). */
function deadOwnersStagedFile(tmp: string): string {
  const pid = Number(spawnSync(process.execPath, ["-e", "process.stdout.write(String(process.pid))"], { encoding: "utf8" }).stdout);
  mkdirSync(tmp, { recursive: true });
  const path = join(tmp, `stage~${THIS_PROCESS.host}~${pid}~0badc0de~${Date.now()}~0123456789abcdef.part`);
  writeFileSync(path, "half an upload");
  return path;
}

describe("the server's garbage collection schedule", () => {
  it("sweeps a dead upload's staging before serving, and collects old unreferenced files every interval unless off", async () => {
    dataDir = mkdtempSync(join(tmpdir(), "gh-gc-schedule-"));
    domain = await openDomain({ dataDir, memory: true });
    const orphan = await domain.blobs.putBytes(Buffer.from("nobody's bytes"));
    const old = new Date(Date.now() - 2 * 3600_000);
    utimesSync(join(dataDir, "files", "blobs", orphan.slice(0, 2), orphan.slice(2, 4), orphan), old, old);
    const silent = pino({ level: "silent" });

    // Off: the staging is still swept at start, nothing is collected.
    let leftover = deadOwnersStagedFile(join(dataDir, "files", "tmp"));
    let stop = await scheduleGarbageCollection(domain, null, silent);
    expect(existsSync(leftover)).toBe(false);
    await new Promise((r) => setTimeout(r, 300));
    await stop();
    expect(await domain.blobs.stat(orphan)).not.toBeNull();

    // Every 200 ms: swept at start, and the orphan goes at the first collection, not before.
    leftover = deadOwnersStagedFile(join(dataDir, "files", "tmp"));
    stop = await scheduleGarbageCollection(domain, 200, silent);
    try {
      expect(existsSync(leftover)).toBe(false);
      expect(await domain.blobs.stat(orphan)).not.toBeNull();
      const deadline = Date.now() + 5000;
      while ((await domain.blobs.stat(orphan)) && Date.now() < deadline) await new Promise((r) => setTimeout(r, 50));
      expect(await domain.blobs.stat(orphan)).toBeNull();
    } finally {
      await stop();
    }
  });
});
