import { spawn } from "node:child_process";
import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { repoRoot } from "../support/gatehouse.js";

// Eight `gatehouse client-config` processes at once, one host each, all editing one netrc:
// without a lock around read-modify-write each wrote back what it read plus its own entry, and
// 3 to 7 of the 8 survived. No server is needed: --url and --token skip every server request.

const TOKEN = `gth-${"AbCd".repeat(10)}WxYz12`;
const cliBin = join(repoRoot, "apps", "cli", "bin", "run.js");
const home = mkdtempSync(join(tmpdir(), "gh-cc-race-"));
afterAll(() => rmSync(home, { recursive: true, force: true }));

function clientConfig(host: string): Promise<{ code: number | null; stderr: string }> {
  const args = ["client-config", "--url", `http://${host}:4242/pypi/latest/simple/`, "--token", TOKEN, "--for", "curl", "--home", home];
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [cliBin, ...args], {
      cwd: repoRoot,
      env: { ...process.env, GATEHOUSE_ADDRESS: undefined, GATEHOUSE_TOKEN: undefined, HOME: home },
      stdio: ["ignore", "ignore", "pipe"],
    });
    let stderr = "";
    child.stderr.on("data", (chunk: Buffer) => {
      stderr += chunk.toString();
    });
    child.once("error", reject);
    child.once("exit", (code) => resolve({ code, stderr }));
  });
}

describe.skipIf(process.platform === "win32")("client-config run eight times at once", () => {
  it("keeps all eight hosts' netrc entries, mode 0600, leaving no lock or temp file", async () => {
    const hosts = Array.from({ length: 8 }, (_, i) => `mirror${i}.example`);
    const runs = await Promise.all(hosts.map(clientConfig));
    for (const run of runs) expect(run.code, run.stderr).toBe(0);
    const netrc = readFileSync(join(home, ".netrc"), "utf8");
    const machines = [...netrc.matchAll(/^machine (\S+)/gm)].map((m) => m[1]).sort();
    expect(machines).toEqual(hosts);
    expect(statSync(join(home, ".netrc")).mode & 0o777).toBe(0o600);
    expect(readdirSync(home).sort()).toEqual([".curlrc", ".netrc"]);
  });
});
