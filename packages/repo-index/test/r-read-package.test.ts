import { spawnSync } from "node:child_process";
import { mkdirSync, readdirSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { readRPackage } from "../src/index.js";
import { makeTempDir, writeTarGz } from "./python-archives.js";
import type { TarMemberSpec } from "./python-archives.js";
import { hasR, requireClients, runR, titleWithR } from "./r-client.js";

const DESCRIPTION = "Package: foo\nVersion: 1.0-2\nTitle: Foo\nDepends: R (>= 4.0),\n    methods\nLicense: MIT\n";

let dir = "";
beforeAll(() => {
  dir = makeTempDir("r-read");
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

async function read(members: readonly TarMemberSpec[], filename = "foo_1.0-2.tar.gz", limits = {}) {
  const path = join(dir, `${Math.random()}.tar.gz`);
  await writeTarGz(path, members);
  return readRPackage(path, filename, limits);
}

const base: TarMemberSpec[] = [
  { name: "foo/", type: "directory" },
  { name: "foo/DESCRIPTION", data: DESCRIPTION },
  { name: "foo/R/foo.R", data: "f <- function() 1\n" },
];

describe("readRPackage", () => {
  it("reads DESCRIPTION from <pkg>/ and checks it against the filename", async () => {
    expect(await read(base)).toEqual({
      ok: true,
      value: {
        package: "foo",
        version: "1.0-2",
        filename: "foo_1.0-2.tar.gz",
        fields: { Package: "foo", Version: "1.0-2", Title: "Foo", Depends: "R (>= 4.0),\nmethods", License: "MIT" },
      },
    });
  });

  it("accepts ./-prefixed paths and links that stay inside the package", async () => {
    const result = await read([
      { name: "./foo/DESCRIPTION", data: DESCRIPTION },
      { name: "./foo/inst/link", type: "symlink", linkname: "../R/foo.R" },
      { name: "foo/inst/hard", type: "link", linkname: "foo/R/foo.R" },
    ]);
    expect(result.ok).toBe(true);
  });

  it("decodes a latin1 DESCRIPTION", async () => {
    const bytes = Buffer.from(`${DESCRIPTION}Author: J\u00f6rg\nEncoding: latin1\n`, "latin1");
    const result = await read([{ name: "foo/DESCRIPTION", data: bytes }]);
    expect(result.ok && result.value.fields.Author).toBe("J\u00f6rg");
  });

  it.each([
    ["a path with ..", [...base, { name: "foo/../../etc/cron.d/x", data: "x" }], "ARCHIVE_UNSAFE"],
    ["an absolute path", [...base, { name: "/etc/passwd", data: "x" }], "ARCHIVE_UNSAFE"],
    ["a backslash path", [...base, { name: "foo\\..\\..\\x", data: "x" }], "ARCHIVE_UNSAFE"],
    ["a symlink leaving the package", [...base, { name: "foo/x", type: "symlink", linkname: "../../etc/passwd" }], "ARCHIVE_UNSAFE"],
    ["a symlink into a sibling folder", [...base, { name: "foo/x", type: "symlink", linkname: "../bar/y" }], "ARCHIVE_UNSAFE"],
    ["an absolute symlink", [...base, { name: "foo/x", type: "symlink", linkname: "/etc/passwd" }], "ARCHIVE_UNSAFE"],
    ["a hard link leaving the package", [...base, { name: "foo/x", type: "link", linkname: "../etc/passwd" }], "ARCHIVE_UNSAFE"],
    ["a hard link to another folder", [...base, { name: "foo/x", type: "link", linkname: "bar/y" }], "ARCHIVE_UNSAFE"],
    ["a device", [...base, { name: "foo/dev", type: "character-device" }], "ARCHIVE_UNSAFE"],
    ["a second top-level folder", [...base, { name: "bar/x", data: "x" }], "ARCHIVE_INVALID"],
    ["a top-level file", [{ name: "README", data: "x" }, ...base], "ARCHIVE_INVALID"],
    ["DESCRIPTION twice", [...base, { name: "foo/DESCRIPTION", data: DESCRIPTION }], "ARCHIVE_INVALID"],
    ["a symlinked DESCRIPTION", [{ name: "foo/DESCRIPTION", type: "symlink", linkname: "R/foo.R" }], "ARCHIVE_INVALID"],
    ["no DESCRIPTION", [{ name: "foo/R/foo.R", data: "" }], "METADATA_MISSING"],
    ["DESCRIPTION only deeper down", [{ name: "foo/inst/DESCRIPTION", data: DESCRIPTION }], "METADATA_MISSING"],
    ["another Version", [{ name: "foo/DESCRIPTION", data: DESCRIPTION.replace("1.0-2", "1.0.2") }], "METADATA_MISMATCH"],
    ["another Package", [{ name: "foo/DESCRIPTION", data: DESCRIPTION.replace("foo", "fooo") }], "METADATA_MISMATCH"],
    ["a malformed DESCRIPTION", [{ name: "foo/DESCRIPTION", data: "Package foo\n" }], "METADATA_INVALID"],
    ["an oversized DESCRIPTION", [{ name: "foo/DESCRIPTION", data: `${DESCRIPTION}X: ${"y".repeat(1024 * 1024)}\n` }], "METADATA_TOO_LARGE"],
  ] as const)("refuses a tarball with %s", async (_why, members, code) => {
    expect(await read(members)).toMatchObject({ ok: false, error: { code } });
  });

  it("refuses unsafe members even after DESCRIPTION was found", async () => {
    const result = await read([...base, { name: "foo/R/zz", type: "symlink", linkname: "../../../../root" }]);
    expect(result).toMatchObject({ ok: false, error: { code: "ARCHIVE_UNSAFE" } });
  });

  it("enforces maxEntries and maxDecompressedBytes", async () => {
    expect(await read(base, undefined, { maxEntries: 2 })).toMatchObject({ ok: false, error: { code: "ARCHIVE_TOO_LARGE" } });
    const big = [...base, { name: "foo/data/big.bin", data: Buffer.alloc(2 * 1024 * 1024) }];
    expect(await read(big, undefined, { maxDecompressedBytes: 1024 * 1024 })).toMatchObject({ ok: false, error: { code: "ARCHIVE_TOO_LARGE" } });
  });

  it("checks the filename first", async () => {
    expect(await read(base, "../foo_1.0-2.tar.gz")).toMatchObject({ ok: false, error: { code: "FILENAME_INVALID" } });
  });

  it.skipIf(!hasR && !requireClients)(titleWithR("reads a tarball built by R CMD build"), () => {
    runR("invisible(0)");
    const src = join(dir, "rbuild");
    mkdirSync(join(src, "pkgR", "R"), { recursive: true });
    writeFileSync(
      join(src, "pkgR", "DESCRIPTION"),
      "Package: pkgR\nVersion: 0.1-1\nTitle: Test\nDescription: A test\n  package.\nAuthor: J\u00f6rg\nMaintainer: J <j@example.org>\nLicense: MIT\nEncoding: UTF-8\n",
    );
    writeFileSync(join(src, "pkgR", "R", "f.R"), "f <- function() 1\n");
    const build = spawnSync("R", ["CMD", "build", "--no-build-vignettes", "pkgR"], { cwd: src, encoding: "utf8" });
    expect(build.status, build.stderr).toBe(0);
    const tarball = readdirSync(src).find((f) => f.endsWith(".tar.gz")) ?? "";
    return readRPackage(join(src, tarball), tarball).then((result) => {
      expect(result).toMatchObject({ ok: true, value: { package: "pkgR", version: "0.1-1", fields: { Author: "J\u00f6rg", Description: "A test\npackage." } } });
      expect(result.ok && result.value.fields.Packaged).toBeDefined();
    });
  });
});
