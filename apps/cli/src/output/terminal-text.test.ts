import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type InProcessCli, openInProcessCli } from "../testing/in-process-cli.js";
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
  let cli: InProcessCli;
  beforeAll(async () => {
    cli = await openInProcessCli("gh-cli-terminal-");
  });
  afterAll(() => cli?.close());
  const gatehouse: InProcessCli["run"] = (id, ...argv) => cli.run(id, ...argv);

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
