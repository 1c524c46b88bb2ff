import { describe, expect, it } from "vitest";
import { formatCliCommand, quoteShellWord, renderCliCommand } from "./cli-command.js";

describe("quoteShellWord", () => {
  it.each([
    ["pypi", "pypi"],
    ["blk_01H9", "blk_01H9"],
    ["data.table", "data.table"],
    ["==1.0", "==1.0"],
    [">=1.2,<2", `">=1.2,<2"`],
    [">>>", `">>>"`],
    ["(>= 0.40)", `"(>= 0.40)"`],
    ["CVE-2024-35195 in it's parser", `"CVE-2024-35195 in it's parser"`],
    ["", `""`],
    ['say "hi"', `'say "hi"'`],
    ["costs $5", "'costs $5'"],
    ["it's $HOME", `'it'\\''s $HOME'`],
    ["run `rm`", "'run `rm`'"],
    ["wow!", "'wow!'"],
    ["back\\slash", "'back\\slash'"],
  ])("quotes %j as %s", (word, expected) => {
    expect(quoteShellWord(word)).toBe(expected);
  });
});

describe("formatCliCommand", () => {
  it("leaves out undefined flags and shows placeholders for empty ones", () => {
    const command = formatCliCommand(
      ["create", "blocklist-rule"],
      [
        { flag: "name", value: "", placeholder: "PACKAGE" },
        { flag: "versions", value: undefined },
        { flag: "reason", value: "a b" },
      ],
    );
    expect(command).toBe(`gatehouse create blocklist-rule --name PACKAGE --reason "a b"`);
  });

  it("quotes an empty value that has no placeholder", () => {
    expect(formatCliCommand(["set", "metadata"], [{ flag: "value", value: "" }])).toBe(`gatehouse set metadata --value ""`);
  });
});

describe("renderCliCommand", () => {
  it("escapes the command for HTML", () => {
    const out = renderCliCommand(`gatehouse x --reason "<img>"`, "create").value;
    expect(out).toContain("&quot;&lt;img&gt;&quot;");
    expect(out).toContain('data-cli="create"');
    expect(out).not.toContain("<img");
  });
});
