import { readFileSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { parsePythonFilename, readPythonMetadata } from "../src/index.js";
import { makeTempDir, writeTarGz } from "./python-archives.js";

const METADATA = "Metadata-Version: 2.1\nName: foo\nVersion: 1.0\n";
let dir = "";
beforeAll(() => {
  dir = makeTempDir("sdist-integrity");
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

async function read(path: string) {
  const parsed = parsePythonFilename("foo-1.0.tar.gz");
  if (!parsed.ok) throw new Error(parsed.error.message);
  return readPythonMetadata(path, parsed.value);
}

describe("readPythonMetadata: the whole sdist is read", () => {
  it("refuses an sdist cut short after its PKG-INFO (pip could not unpack it)", async () => {
    const path = join(dir, "cut.tar.gz");
    await writeTarGz(path, [{ name: "foo-1.0/PKG-INFO", data: METADATA }, { name: "foo-1.0/setup.py", data: "x = 1\n".repeat(500) }]);
    const bytes = readFileSync(path);
    // Only the gzip trailer (CRC and length) is missing: every member still inflates.
    writeFileSync(path, bytes.subarray(0, bytes.length - 4));
    expect(await read(path)).toMatchObject({ ok: false, error: { code: "ARCHIVE_INVALID" } });
  });

  it("refuses an sdist with two top-level PKG-INFO files", async () => {
    const path = join(dir, "two.tar.gz");
    await writeTarGz(path, [{ name: "foo-1.0/PKG-INFO", data: METADATA }, { name: "./foo-1.0/PKG-INFO", data: "Metadata-Version: 2.1\nName: evil\nVersion: 1.0\n" }]);
    expect(await read(path)).toMatchObject({ ok: false, error: { code: "ARCHIVE_INVALID", message: expect.stringMatching(/two PKG-INFO/) } });
  });
});
