import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type InProcessCli, openInProcessCli } from "../testing/in-process-cli.js";

// Each command runs in this process against an embedded database in a temporary folder (local mode).
describe("list tokens flags tokens expiring within 7 days; audit filters by target and time range (local mode, in process)", () => {
  let cli: InProcessCli;
  beforeAll(async () => {
    cli = await openInProcessCli("gh-cli-audit-expiry-");
  });
  afterAll(() => cli?.close());
  const gatehouse: InProcessCli["run"] = (id, ...argv) => cli.run(id, ...argv);

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
