import { existsSync, readdirSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { gzipSync } from "node:zlib";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { parsePythonFilename, readPythonMetadata } from "../src/index.js";
import type { PythonFilename, ReadLimits } from "../src/index.js";
import { makeTempDir, patchZipDeclaredSize, writeTarGz, writeZip } from "./python-archives.js";

const METADATA = "Metadata-Version: 2.1\nName: Foo.Bar\nVersion: 1.0.0\nSummary: Demo\nRequires-Python: >=3.8\nRequires-Dist: requests\n\nLong description\n";

let dir = "";
beforeAll(() => {
  dir = makeTempDir("python-read");
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function parsed(filename: string): PythonFilename {
  const result = parsePythonFilename(filename);
  if (!result.ok) throw new Error(result.error.message);
  return result.value;
}

async function readWheel(filename: string, members: Parameters<typeof writeZip>[1], limits?: ReadLimits) {
  const path = join(dir, `${Math.random()}-${filename}`);
  writeZip(path, members);
  return readPythonMetadata(path, parsed(filename), limits);
}

const wheelMembers = (metadata = METADATA, distInfo = "foo_bar-1.0.dist-info") => [
  { name: "foo_bar/__init__.py", data: "" },
  { name: `${distInfo}/WHEEL`, data: "Wheel-Version: 1.0\n" },
  { name: `${distInfo}/METADATA`, data: metadata },
  { name: `${distInfo}/RECORD`, data: "" },
];

describe("readPythonMetadata: wheels", () => {
  it("reads METADATA exactly, comparing names and versions normalized", async () => {
    const result = await readWheel("foo_bar-1.0-py3-none-any.whl", wheelMembers());
    expect(result).toEqual({
      ok: true,
      value: {
        name: "Foo.Bar",
        version: "1.0.0",
        summary: "Demo",
        requiresPython: ">=3.8",
        requiresDist: ["requests"],
        metadataVersion: "2.1",
        raw: METADATA,
      },
    });
  });

  it("keeps non-ASCII and a BOM byte-for-byte in raw", async () => {
    const text = `\uFEFF${METADATA.replace("Demo", "Démo ✓")}`;
    const result = await readWheel("foo_bar-1.0-py3-none-any.whl", wheelMembers(text));
    expect(result.ok && result.value.raw).toBe(text);
    expect(result.ok && result.value.summary).toBe("Démo ✓");
  });

  it.each([
    ["another project name", METADATA.replace("Foo.Bar", "other"), "METADATA_MISMATCH"],
    ["another version", METADATA.replace("1.0.0", "1.1"), "METADATA_MISMATCH"],
    ["no Name header", METADATA.replace("Name: Foo.Bar\n", ""), "METADATA_INVALID"],
  ])("refuses METADATA with %s", async (_why, metadata, code) => {
    const result = await readWheel("foo_bar-1.0-py3-none-any.whl", wheelMembers(metadata));
    expect(result).toMatchObject({ ok: false, error: { code } });
  });

  it("refuses METADATA that is not UTF-8", async () => {
    const latin1 = Buffer.from(METADATA.replace("Demo", "D\u00e9mo"), "latin1");
    const result = await readWheel("foo_bar-1.0-py3-none-any.whl", wheelMembers(latin1 as unknown as string));
    expect(result).toMatchObject({ ok: false, error: { code: "METADATA_INVALID" } });
  });

  it.each([
    ["a .dist-info folder of another project", wheelMembers(METADATA, "other-1.0.dist-info"), "METADATA_MISMATCH"],
    ["two .dist-info folders", [...wheelMembers(), { name: "x-1.0.dist-info/METADATA", data: METADATA }], "ARCHIVE_INVALID"],
    ["no .dist-info folder", [{ name: "foo_bar/__init__.py", data: "" }], "METADATA_MISSING"],
    ["no METADATA file", wheelMembers().filter((m) => !m.name.endsWith("METADATA")), "METADATA_MISSING"],
    ["METADATA only in a nested folder", [{ name: "foo_bar/foo_bar-1.0.dist-info/METADATA", data: METADATA }], "METADATA_MISSING"],
    ["a member path with ..", [...wheelMembers(), { name: "../evil.py", data: "" }], "ARCHIVE_INVALID"],
    ["an absolute member path", [...wheelMembers(), { name: "/etc/evil", data: "" }], "ARCHIVE_INVALID"],
  ])("refuses a wheel with %s", async (_why, members, code) => {
    const result = await readWheel("foo_bar-1.0-py3-none-any.whl", members);
    expect(result).toMatchObject({ ok: false, error: { code } });
  });

  it("refuses an oversized METADATA from its declared size (zip bomb)", async () => {
    const big = `${METADATA}${"x".repeat(2 * 1024 * 1024)}`;
    const result = await readWheel("foo_bar-1.0-py3-none-any.whl", wheelMembers(big));
    expect(result).toMatchObject({ ok: false, error: { code: "METADATA_TOO_LARGE" } });
  });

  it("honours a smaller maxMetadataBytes", async () => {
    const result = await readWheel("foo_bar-1.0-py3-none-any.whl", wheelMembers(), { maxMetadataBytes: 50 });
    expect(result).toMatchObject({ ok: false, error: { code: "METADATA_TOO_LARGE" } });
  });

  it("stops inflating a member whose real size exceeds its declared size", async () => {
    const path = join(dir, "foo_bar-1.0-py3-none-any.whl");
    writeZip(path, wheelMembers(`${METADATA}${"x".repeat(100_000)}`));
    patchZipDeclaredSize(path, "foo_bar-1.0.dist-info/METADATA", 200);
    const result = await readPythonMetadata(path, parsed("foo_bar-1.0-py3-none-any.whl"));
    expect(result).toMatchObject({ ok: false, error: { code: "ARCHIVE_INVALID" } });
    expect(result.ok || result.error.message).toMatch(/bytes/);
  });

  it("refuses archives with more members than maxEntries", async () => {
    const result = await readWheel("foo_bar-1.0-py3-none-any.whl", wheelMembers(), { maxEntries: 3 });
    expect(result).toMatchObject({ ok: false, error: { code: "ARCHIVE_TOO_LARGE" } });
  });

  it.each([
    ["garbage", Buffer.from("this is not a zip file at all")],
    ["a gzip file", gzipSync("hello")],
  ])("refuses %s as ARCHIVE_INVALID", async (_why, bytes) => {
    const path = join(dir, "foo_bar-1.0-py3-none-any.whl");
    writeFileSync(path, bytes);
    const result = await readPythonMetadata(path, parsed("foo_bar-1.0-py3-none-any.whl"));
    expect(result).toMatchObject({ ok: false, error: { code: "ARCHIVE_INVALID" } });
  });

  const wheelDir = "/usr/share/python-wheels";
  const realWheels = existsSync(wheelDir) ? readdirSync(wheelDir).filter((f) => f.endsWith(".whl")) : [];
  if (realWheels.length === 0 && process.env.GATEHOUSE_REQUIRE_CLIENTS === "1") {
    throw new Error(`Debian's wheels (python3-pip-whl, in ${wheelDir}) are required (GATEHOUSE_REQUIRE_CLIENTS=1) but were not found`);
  }
  it.skipIf(realWheels.length === 0)("reads real wheels from /usr/share/python-wheels", async () => {
    for (const filename of realWheels) {
      const p = parsed(filename);
      const result = await readPythonMetadata(join(wheelDir, filename), p);
      expect(result, filename).toMatchObject({ ok: true, value: { version: p.version } });
      expect(result.ok && result.value.raw.startsWith("Metadata-Version:")).toBe(true);
    }
  });
});

describe("readPythonMetadata: sdists", () => {
  const pkgInfo = METADATA.replace("Foo.Bar", "foo-bar");

  it("reads <dir>/PKG-INFO from a .tar.gz, ignoring egg-info copies", async () => {
    const path = join(dir, "foo_bar-1.0.tar.gz");
    await writeTarGz(path, [
      { name: "foo_bar-1.0", type: "directory" },
      { name: "foo_bar-1.0/src/foo_bar.egg-info/PKG-INFO", data: "Name: wrong\nVersion: 9\n" },
      { name: "foo_bar-1.0/setup.py", data: "" },
      { name: "foo_bar-1.0/PKG-INFO", data: pkgInfo },
    ]);
    const result = await readPythonMetadata(path, parsed("foo_bar-1.0.tar.gz"));
    expect(result).toMatchObject({ ok: true, value: { name: "foo-bar", version: "1.0.0", raw: pkgInfo } });
  });

  it("reads a legacy sdist with a '-' in its name and Latin-1 PKG-INFO", async () => {
    const path = join(dir, "python-dateutil-2.8.2.tar.gz");
    const text = "Metadata-Version: 1.1\nName: python-dateutil\nVersion: 2.8.2\nAuthor: Ren\u00e9\n";
    await writeTarGz(path, [{ name: "./python-dateutil-2.8.2/PKG-INFO", data: Buffer.from(text, "latin1") }]);
    const result = await readPythonMetadata(path, parsed("python-dateutil-2.8.2.tar.gz"));
    expect(result).toMatchObject({ ok: true, value: { name: "python-dateutil", raw: text } });
  });

  it("reads PKG-INFO from a .zip sdist", async () => {
    const path = join(dir, "foo_bar-1.0.zip");
    writeZip(path, [
      { name: "foo_bar-1.0/setup.py", data: "" },
      { name: "foo_bar-1.0/PKG-INFO", data: pkgInfo },
    ]);
    const result = await readPythonMetadata(path, parsed("foo_bar-1.0.zip"));
    expect(result).toMatchObject({ ok: true, value: { name: "foo-bar" } });
  });

  it.each([
    ["no PKG-INFO", [{ name: "foo_bar-1.0/setup.py", data: "" }], "METADATA_MISSING"],
    ["PKG-INFO at the top level only", [{ name: "PKG-INFO", data: pkgInfo }], "METADATA_MISSING"],
    ["a symlinked PKG-INFO", [{ name: "foo_bar-1.0/PKG-INFO", type: "symlink", linkname: "/etc/passwd" }], "ARCHIVE_UNSAFE"],
    ["another version", [{ name: "foo_bar-1.0/PKG-INFO", data: pkgInfo.replace("1.0.0", "2.0") }], "METADATA_MISMATCH"],
    ["an oversized PKG-INFO", [{ name: "foo_bar-1.0/PKG-INFO", data: "x".repeat(1024 * 1024 + 1) }], "METADATA_TOO_LARGE"],
  ] as const)("refuses a .tar.gz with %s", async (_why, members, code) => {
    const path = join(dir, "foo_bar-1.0.tar.gz");
    await writeTarGz(path, members);
    const result = await readPythonMetadata(path, parsed("foo_bar-1.0.tar.gz"));
    expect(result).toMatchObject({ ok: false, error: { code } });
  });

  it("refuses a gzip bomb by its scanned size before inflating it", async () => {
    const path = join(dir, "foo_bar-1.0.tar.gz");
    await writeTarGz(path, [
      { name: "foo_bar-1.0/zeros.bin", data: Buffer.alloc(4 * 1024 * 1024) },
      { name: "foo_bar-1.0/PKG-INFO", data: pkgInfo },
    ]);
    const result = await readPythonMetadata(path, parsed("foo_bar-1.0.tar.gz"), { maxDecompressedBytes: 1024 * 1024 });
    expect(result).toMatchObject({ ok: false, error: { code: "ARCHIVE_TOO_LARGE" } });
  });

  it.each([
    ["not gzip", Buffer.from("plain text, not gzip")],
    ["gzip but not tar", gzipSync(Buffer.from("x".repeat(2000)))],
    ["truncated gzip", gzipSync(Buffer.alloc(10_000, 1)).subarray(0, 40)],
  ])("refuses %s as ARCHIVE_INVALID", async (_why, bytes) => {
    const path = join(dir, "foo_bar-1.0.tar.gz");
    writeFileSync(path, bytes);
    const result = await readPythonMetadata(path, parsed("foo_bar-1.0.tar.gz"));
    expect(result).toMatchObject({ ok: false, error: { code: "ARCHIVE_INVALID" } });
  });

  it("reports a missing file as ARCHIVE_UNREADABLE", async () => {
    const result = await readPythonMetadata(join(dir, "nope.tar.gz"), parsed("foo_bar-1.0.tar.gz"));
    expect(result).toMatchObject({ ok: false, error: { code: "ARCHIVE_UNREADABLE" } });
  });
});
