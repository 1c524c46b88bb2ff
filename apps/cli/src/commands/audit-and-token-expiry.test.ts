import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { Config } from "@oclif/core";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { COMMANDS } from "../index.js";

interface Run {
  stdout: string;
  stderr: string;
  exitCode: number;
}

// Each command runs in this process against an embedded database in a temporary folder (local mode).
describe("list tokens flags tokens expiring within 7 days; audit filters by target and time range (local mode, in process)", () => {
  let dataDir: string;
  let config: Config;
  const env = { ...process.env };

  beforeAll(async () => {
    // A config without the command list: oclif would import the built commands natively, outside vitest.
    const pjson = { name: "@gatehouse/cli", version: "0.0.0", oclif: { bin: "gatehouse", topicSeparator: " " as const } };
    config = await Config.load({ root: join(import.meta.dirname, "..", ".."), pjson });
    dataDir = mkdtempSync(join(tmpdir(), "gh-cli-audit-expiry-"));
    delete process.env.GATEHOUSE_ADDRESS;
    delete process.env.GATEHOUSE_TOKEN;
  });
  afterAll(() => {
    process.env = env;
    rmSync(dataDir, { recursive: true, force: true });
  });

  async function gatehouse(id: keyof typeof COMMANDS, ...argv: string[]): Promise<Run> {
    const out: string[] = [];
    const err: string[] = [];
    const stdout = vi.spyOn(process.stdout, "write").mockImplementation((chunk) => out.push(String(chunk)) > 0);
    const stderr = vi.spyOn(process.stderr, "write").mockImplementation((chunk) => err.push(String(chunk)) > 0);
    process.exitCode = 0;
    try {
      await COMMANDS[id].run([...argv, "--data", dataDir], config);
    } finally {
      stdout.mockRestore();
      stderr.mockRestore();
    }
    const exitCode = Number(process.exitCode ?? 0);
    process.exitCode = 0;
    return { stdout: out.join(""), stderr: err.join(""), exitCode };
  }

  it("marks only the token expiring within 7 days in list tokens, and finds token events by target prefix and time range", async () => {
    const mint = (description: string, expires: string) =>
      gatehouse("create:token", "--scope", "api:read", "--description", description, "--user", "ada", "--expires", expires, "--quiet");
    expect((await mint("soon", "3d")).exitCode).toBe(0);
    expect((await mint("later", "30d")).exitCode).toBe(0);
    expect((await mint("forever", "never")).exitCode).toBe(0);

    const rows = (await gatehouse("list:tokens")).stdout.split("\n").filter((l) => l.includes("ada"));
    const rowOf = (description: string) => rows.find((l) => l.trimEnd().endsWith(description)) ?? "";
    expect(rowOf("soon")).toContain("active (expires within 7 days)");
    expect(rowOf("later")).not.toContain("expires within");
    expect(rowOf("forever")).not.toContain("expires within");
    const json = JSON.parse((await gatehouse("list:tokens", "-o", "json")).stdout) as { description: string; expiresSoon: boolean }[];
    expect(Object.fromEntries(json.map((t) => [t.description, t.expiresSoon]))).toEqual({ soon: true, later: false, forever: false });

    const targetsOf = async (...flags: string[]) =>
      (JSON.parse((await gatehouse("audit", ...flags, "-o", "json")).stdout) as { action: string; target: string | null }[]).map((e) => `${e.action} ${e.target}`);
    const tokenEvents = await targetsOf("--target", "token:");
    expect(tokenEvents).toHaveLength(3);
    expect(tokenEvents.every((e) => /^token\.create token:/.test(e))).toBe(true);
    expect(await targetsOf("--target", "token:", "--until", "1h")).toEqual([]);
    expect(await targetsOf("--target", "token:", "--since", "1h", "--until", "2999-01-01")).toEqual(tokenEvents);
    expect(await targetsOf("--target", "repo:")).toEqual([]);
    const bad = await gatehouse("audit", "--until", "soonish");
    expect(bad.exitCode).not.toBe(0);
    expect(bad.stderr).toMatch(/--until: cannot read 'soonish' as a time for --until/);
  });
});
