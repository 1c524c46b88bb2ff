// The core .tar.bz2 path, on tarballs built by hand with python3's tarfile (no cph needed).
import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { readCondaPackage } from "../src/index.js";
import { type TarMember, hasCommand, indexJson, makeTempDir, removeTempDirs, requireClients, writeTarball } from "./conda-helpers.js";

const hasPython = hasCommand("python3");
if (!hasPython && requireClients) throw new Error("python3 is required (GATEHOUSE_REQUIRE_CLIENTS=1) but was not found");
if (!hasPython) console.warn("Skipping hand-built .tar.bz2 tests: python3 is not installed.");

const FILENAME = "demo-pkg-1.2.0-py_0.tar.bz2";
const INDEX = JSON.stringify(indexJson("demo-pkg", "1.2.0", "py_0", { depends: ["python >=3.8"], license: "MIT" }));

async function readMembers(members: readonly TarMember[], limits?: Parameters<typeof readCondaPackage>[2], filename = FILENAME) {
  const path = writeTarball(join(makeTempDir(), filename), members);
  return readCondaPackage(path, filename, limits);
}

async function expectRefusal(members: readonly TarMember[], code: string, limits?: Parameters<typeof readCondaPackage>[2]) {
  const result = await readMembers(members, limits);
  expect(result.ok ? "ok" : result.error.code).toBe(code);
  return result;
}

describe.skipIf(!hasPython)("readCondaPackage (.tar.bz2 built with python3 tarfile)", () => {
  afterAll(removeTempDirs);

  it("reads index.json and about.json", async () => {
    const result = await readMembers([
      { name: "info/index.json", text: INDEX },
      { name: "info/about.json", text: JSON.stringify({ summary: "A demo", home: "https://example.org" }) },
      { name: "site-packages/demo/__init__.py", text: "" },
    ]);
    expect(result).toEqual({
      ok: true,
      value: {
        filename: FILENAME,
        format: "tar.bz2",
        index: JSON.parse(INDEX),
        about: { summary: "A demo", home: "https://example.org" },
        subdir: "noarch",
        name: "demo-pkg",
        version: "1.2.0",
        build: "py_0",
        buildNumber: 0,
      },
    });
  });

  it("accepts ./-prefixed names and info/ stored after the payload", async () => {
    const result = await readMembers([
      { name: "./", kind: "dir" },
      { name: "./lib/libdemo.so.1", text: "elf" },
      { name: "./lib/libdemo.so", kind: "symlink", target: "libdemo.so.1" },
      { name: "./info/index.json", text: INDEX },
    ]);
    expect(result.ok && result.value.about).toBeUndefined();
    expect(result.ok && result.value.name).toBe("demo-pkg");
  });

  it("refuses a package without info/index.json", async () => {
    await expectRefusal([{ name: "info/about.json", text: "{}" }, { name: "bin/demo", text: "#!/bin/sh" }], "METADATA_MISSING");
  });

  it.each([
    ["name", { name: "other-pkg" }],
    ["version", { version: "1.2.1" }],
    ["build", { build: "py_1" }],
  ])("refuses a %s that differs from the filename", async (_, override) => {
    const index = JSON.stringify({ ...JSON.parse(INDEX), ...override });
    const result = await expectRefusal([{ name: "info/index.json", text: index }], "METADATA_MISMATCH");
    expect(!result.ok && result.error.message).toContain(FILENAME);
  });

  it.each([
    ["no subdir", { subdir: undefined }],
    ["an unknown subdir", { subdir: "plan9-64" }],
    ["a negative build_number", { build_number: -1 }],
    ["a string build_number", { build_number: "0" }],
    ["depends that are not strings", { depends: [1] }],
  ])("refuses index.json with %s", async (_, override) => {
    const index = JSON.stringify({ ...JSON.parse(INDEX), ...override });
    await expectRefusal([{ name: "info/index.json", text: index }], "METADATA_INVALID");
  });

  it.each([
    ["index.json that is not JSON", "info/index.json", "{nope"],
    ["index.json that is an array", "info/index.json", "[]"],
  ])("refuses %s", async (_, name, text) => {
    await expectRefusal([{ name, text }], "METADATA_INVALID");
  });

  it("refuses an about.json that is not JSON", async () => {
    await expectRefusal([{ name: "info/index.json", text: INDEX }, { name: "info/about.json", text: "nope" }], "METADATA_INVALID");
  });

  it("refuses an index.json over the metadata limit", async () => {
    const padded = `${INDEX}${" ".repeat(1024 * 1024)}`;
    await expectRefusal([{ name: "info/index.json", text: padded }], "METADATA_TOO_LARGE");
    await expectRefusal([{ name: "info/index.json", text: INDEX }], "METADATA_TOO_LARGE", { maxMetadataBytes: 50 });
  });

  it.each<[string, TarMember]>([
    ["a parent-directory path", { name: "../evil.sh", text: "x" }],
    ["a nested parent-directory path", { name: "info/../../evil.sh", text: "x" }],
    ["an absolute path", { name: "/etc/cron.d/evil", text: "x" }],
    ["a backslash path", { name: "..\\evil.bat", text: "x" }],
    ["a symlink escaping the prefix", { name: "lib/evil", kind: "symlink", target: "../../etc/passwd" }],
    ["an absolute symlink", { name: "lib/evil", kind: "symlink", target: "/etc/passwd" }],
    ["a hard link outside the prefix", { name: "lib/evil", kind: "hardlink", target: "../etc/passwd" }],
    ["a FIFO", { name: "lib/pipe", kind: "fifo" }],
  ])("refuses %s", async (_, member) => {
    const result = await expectRefusal([member, { name: "info/index.json", text: INDEX }], "ARCHIVE_UNSAFE_PATH");
    expect(!result.ok && result.error.message).toContain(member.name);
  });

  it("refuses an archive that inflates past the ratio limit before its metadata", async () => {
    await expectRefusal([{ name: "big.bin", zeros: 20 * 1024 * 1024 }, { name: "info/index.json", text: INDEX }], "ARCHIVE_TOO_LARGE");
  });

  it("refuses an archive that inflates past an explicit absolute limit", async () => {
    await expectRefusal(
      [{ name: "data.bin", zeros: 300_000 }, { name: "info/index.json", text: INDEX }],
      "ARCHIVE_TOO_LARGE",
      { maxDecompressedBytes: 100_000 },
    );
  });

  it("refuses a plain tar named .tar.bz2, and a truncated bzip2 stream", async () => {
    const dir = makeTempDir();
    const plain = writeTarball(join(dir, FILENAME), [{ name: "info/index.json", text: INDEX }], "");
    const plainResult = await readCondaPackage(plain, FILENAME);
    expect(plainResult.ok ? "ok" : plainResult.error.code).toBe("ARCHIVE_INVALID");

    const truncated = join(dir, "truncated.tar.bz2");
    writeFileSync(truncated, Buffer.from("BZh91AY&SY\u0001\u0002\u0003", "latin1"));
    const truncatedResult = await readCondaPackage(truncated, FILENAME);
    expect(truncatedResult.ok ? "ok" : truncatedResult.error.code).toBe("ARCHIVE_INVALID");
  });

  it("refuses a bad filename before touching the file, and a missing file", async () => {
    const bad = await readCondaPackage("/nonexistent", "evil/../x-1-0.tar.bz2");
    expect(bad.ok ? "ok" : bad.error.code).toBe("FILENAME_INVALID");
    const missing = await readCondaPackage(join(makeTempDir(), "absent"), FILENAME);
    expect(missing.ok ? "ok" : missing.error.code).toBe("ARCHIVE_UNREADABLE");
  });
});
