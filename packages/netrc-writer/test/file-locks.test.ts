import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, utimesSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { FileLockTimeoutError, listMachines, parseNetrc, planAndApplyClientConfig, withFileLocks } from "../src/index.js";

const TOKEN = `gth-${"AbCd".repeat(10)}WxYz12`;

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(path.join(tmpdir(), "netrc-lock-"));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

describe.skipIf(process.platform === "win32")("planAndApplyClientConfig under file locks", () => {
  it("keeps every entry when eight runs for eight hosts edit one netrc at once, mode 0600, no lock or temp left", async () => {
    const netrcFile = path.join(dir, ".netrc");
    const hosts = Array.from({ length: 8 }, (_, i) => `host${i}.example`);
    // All eight plans read the netrc before any writes: unlocked, each would write "its entry only".
    const results = await Promise.all(
      hosts.map((host) =>
        planAndApplyClientConfig({ url: `http://${host}:4242/pypi/latest/simple/`, token: TOKEN, clients: ["curl"], home: dir, netrcFile }),
      ),
    );
    expect(results.every((r) => r.ok)).toBe(true);
    const doc = parseNetrc(readFileSync(netrcFile, "utf8"));
    expect(doc.ok).toBe(true);
    if (!doc.ok) return;
    expect(listMachines(doc.value).map((m) => m.host).sort()).toEqual(hosts);
    expect(statSync(netrcFile).mode & 0o777).toBe(0o600);
    expect(readdirSync(dir).sort()).toEqual([".curlrc", ".netrc"]);
  });

  it("waits for a holder and then runs; a holder that outlasts the wait is named in a FileLockTimeoutError", async () => {
    const file = path.join(dir, "sub", "pip.conf");
    const order: string[] = [];
    let releaseFirst = (): void => undefined;
    const first = withFileLocks([file], () => {
      order.push("first");
      return new Promise<void>((resolve) => {
        releaseFirst = resolve;
      });
    });
    await new Promise((r) => setTimeout(r, 50));
    await expect(withFileLocks([file], async () => order.push("too late"), { waitMs: 300 })).rejects.toBeInstanceOf(FileLockTimeoutError);
    const second = withFileLocks([file], async () => order.push("second"));
    await new Promise((r) => setTimeout(r, 100));
    releaseFirst();
    await Promise.all([first, second]);
    expect(order).toEqual(["first", "second"]);
  });

  it("takes over a lock left by a process that died (stale lock folder)", async () => {
    const file = path.join(dir, ".netrc");
    const lockDir = `${file}.lock`;
    mkdirSync(lockDir);
    const old = new Date(Date.now() - 60_000);
    utimesSync(lockDir, old, old);
    let ran = false;
    await withFileLocks([file], async () => {
      ran = true;
    }, { waitMs: 500, staleMs: 2000 });
    expect(ran).toBe(true);
    expect(readdirSync(dir)).toEqual([]);
  });
});
