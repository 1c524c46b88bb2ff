import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { Config } from "@oclif/core";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { COMMANDS } from "../index.js";
import { renderTable } from "./table.js";
import { safeTerminalLine, safeTerminalText } from "./terminal-text.js";

// Any byte a terminal acts on: C0 but tab and newline, DEL, C1 (as UTF-8 code points), bidi overrides.
// biome-ignore lint/suspicious/noControlCharactersInRegex: finding control characters is the point
const ACTIVE = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/;
const HOSTILE = "ci\u001b[2J\u001b]0;pwned\u0007 deploy";

describe("terminal text", () => {
  it("shows ESC, BEL, CR, DEL, C1 and bidi overrides as visible escapes, keeping newlines and tabs in text", () => {
    expect(safeTerminalText(HOSTILE)).toBe("ci\\x1b[2J\\x1b]0;pwned\\x07 deploy");
    expect(safeTerminalText("a\tb\nc\rd\u007fe\u009bf\u202eg\u0000")).toBe("a\tb\nc\\rd\\x7fe\\x9bf\\u202eg\\x00");
    expect(safeTerminalLine("a\tb\nc")).toBe("a\\tb\\nc");
    expect(safeTerminalText("plain, naïve ✓ 日本")).toBe("plain, naïve ✓ 日本");
  });

  it("aligns table columns on the escaped cells", () => {
    const table = renderTable(["DESC", "USER"], [["x\u001b[2J", "ana"], ["longer text", "bo"]]);
    expect(table).toBe("DESC         USER\nx\\x1b[2J     ana\nlonger text  bo");
    expect(table).not.toMatch(ACTIVE);
  });
});

describe("gatehouse list tokens with a hostile description (local mode, in process)", () => {
  let dataDir: string;
  let config: Config;
  const env = { ...process.env };

  beforeAll(async () => {
    const pjson = { name: "@gatehouse/cli", version: "0.0.0", oclif: { bin: "gatehouse", topicSeparator: " " as const } };
    config = await Config.load({ root: join(import.meta.dirname, "..", ".."), pjson });
    dataDir = mkdtempSync(join(tmpdir(), "gh-cli-terminal-"));
    delete process.env.GATEHOUSE_ADDRESS;
    delete process.env.GATEHOUSE_TOKEN;
  });
  afterAll(() => {
    process.env = env;
    rmSync(dataDir, { recursive: true, force: true });
  });

  async function gatehouse(id: keyof typeof COMMANDS, ...argv: string[]): Promise<{ stdout: string; stderr: string }> {
    const out: string[] = [];
    const err: string[] = [];
    const stdout = vi.spyOn(process.stdout, "write").mockImplementation((chunk) => out.push(String(chunk)) > 0);
    const stderr = vi.spyOn(process.stderr, "write").mockImplementation((chunk) => err.push(String(chunk)) > 0);
    try {
      await COMMANDS[id].run([...argv, "--data", dataDir], config);
    } finally {
      stdout.mockRestore();
      stderr.mockRestore();
      process.exitCode = 0;
    }
    return { stdout: out.join(""), stderr: err.join("") };
  }

  it("prints no ESC or BEL byte in the table, and the exact description in JSON", async () => {
    const created = await gatehouse("create:token", "--scope", "repos:read", "--repos", "*", "--description", HOSTILE, "--user", "ana@example.com");
    expect(created.stderr).not.toMatch(ACTIVE);
    const listed = await gatehouse("list:tokens");
    expect(listed.stdout).toContain("ci\\x1b[2J\\x1b]0;pwned\\x07 deploy");
    expect(listed.stdout + listed.stderr).not.toMatch(ACTIVE);
    const json = JSON.parse((await gatehouse("list:tokens", "-o", "json")).stdout) as { description: string }[];
    expect(json.map((t) => t.description)).toContain(HOSTILE);
  });

  it("escapes control characters in an error naming a server-supplied value", async () => {
    const failed = await gatehouse("delete:repo", "--name", "x\u001b]0;pwned\u0007");
    expect(failed.stderr).toMatch(/x\\x1b\]0;pwned\\x07/);
    expect(failed.stderr).not.toMatch(ACTIVE);
  });
});
