import { chmodSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, symlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { writeFileAtomic } from "../src/index.js";

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(path.join(tmpdir(), "atomic-"));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

const modeOf = (file: string): number => statSync(file).mode & 0o777;

describe.skipIf(process.platform === "win32")("writeFileAtomic", () => {
  it("creates a new file with mode 0600 whatever the umask, leaving no temp file", async () => {
    const file = path.join(dir, "sub", ".netrc");
    const previous = process.umask(0o000);
    try {
      await writeFileAtomic(file, "machine a login b password c\n", { mode: 0o600 });
    } finally {
      process.umask(previous);
    }
    expect(readFileSync(file, "utf8")).toBe("machine a login b password c\n");
    expect(modeOf(file)).toBe(0o600);
    expect(readdirSync(path.dirname(file))).toEqual([".netrc"]);
  });

  it("tightens an existing world-readable netrc to 0600", async () => {
    const file = path.join(dir, ".netrc");
    writeFileSync(file, "old\n");
    chmodSync(file, 0o644);
    await writeFileAtomic(file, "new\n", { mode: 0o600 });
    expect(modeOf(file)).toBe(0o600);
    expect(readFileSync(file, "utf8")).toBe("new\n");
  });

  it("keeps an existing mode when asked (files without secrets)", async () => {
    const file = path.join(dir, "pip.conf");
    writeFileSync(file, "old\n");
    chmodSync(file, 0o640);
    await writeFileAtomic(file, "new\n", { mode: 0o644, keepExistingMode: true });
    expect(modeOf(file)).toBe(0o640);
  });

  it("keeps the file's owner", async () => {
    const file = path.join(dir, ".netrc");
    writeFileSync(file, "old\n");
    const { uid, gid } = statSync(file);
    await writeFileAtomic(file, "new\n", { mode: 0o600 });
    expect(statSync(file)).toMatchObject({ uid, gid });
  });

  it("writes through a symlinked dotfile, keeping the link", async () => {
    const real = path.join(dir, "dotfiles-netrc");
    const link = path.join(dir, ".netrc");
    writeFileSync(real, "old\n");
    symlinkSync(real, link);
    await writeFileAtomic(link, "new\n", { mode: 0o600 });
    expect(readFileSync(real, "utf8")).toBe("new\n");
    expect(readdirSync(dir).sort()).toEqual([".netrc", "dotfiles-netrc"]);
  });

  it("leaves the target intact and no temp file when the rename fails", async () => {
    // A non-empty directory at the target path makes rename(2) fail after the temp file is written.
    const target = path.join(dir, ".netrc");
    mkdirSync(target);
    writeFileSync(path.join(target, "keep"), "original\n");
    await expect(writeFileAtomic(target, "new\n", { mode: 0o600 })).rejects.toThrow(/EISDIR|ENOTEMPTY|EEXIST/);
    expect(readFileSync(path.join(target, "keep"), "utf8")).toBe("original\n");
    expect(readdirSync(dir)).toEqual([".netrc"]);
  });
});
