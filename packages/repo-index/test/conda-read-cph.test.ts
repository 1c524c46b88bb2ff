// Real packages written by conda-package-handling (`cph create`), in both formats.
import { createHash } from "node:crypto";
import { readFileSync, renameSync } from "node:fs";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { type CondaReadLimits, readCondaPackage, toCondaRecord } from "../src/index.js";
import {
  cphCreate,
  hasCommand,
  indexJson,
  makeTempDir,
  removeTempDirs,
  requireClients,
  rewriteZip,
  writePackageFolder,
} from "./conda-helpers.js";

const hasCph = hasCommand("cph") && hasCommand("python3");
if (!hasCph && requireClients) throw new Error("cph and python3 are required (GATEHOUSE_REQUIRE_CLIENTS=1) but were not found");
if (!hasCph) console.warn("Skipping cph tests: `cph` (Debian conda-package-handling) is not installed.");

const ABOUT = { summary: "Tiny test package", home: "https://example.org/tiny", license: "BSD-3-Clause" };

function buildPackage(filename: string, index: Record<string, unknown>, extra: Parameters<typeof writePackageFolder>[2] = {}): string {
  const folder = writePackageFolder(join(makeTempDir(), "pkg"), index, extra);
  return cphCreate(folder, filename, makeTempDir());
}

async function codeOf(path: string, filename: string, limits?: CondaReadLimits): Promise<string> {
  const result = await readCondaPackage(path, filename, limits);
  return result.ok ? "ok" : result.error.code;
}

describe.skipIf(!hasCph)("readCondaPackage on packages made by cph", () => {
  afterAll(removeTempDirs);

  it.each(["tar.bz2", "conda"])("reads a .%s package back", async (format) => {
    const filename = `tiny-lib-0.3.1-h1234_2.${format}`;
    const index = indexJson("tiny-lib", "0.3.1", "h1234_2", {
      build_number: 2,
      subdir: "linux-64",
      depends: ["libzlib >=1.2.13,<2.0a0"],
      constrains: ["tiny-cli 0.3.1"],
      license: "BSD-3-Clause",
      timestamp: 1_700_000_000_000,
      arch: "x86_64",
      platform: "linux",
      unexpected: { nested: true },
    });
    const path = buildPackage(filename, index, { about: ABOUT, files: { "lib/libtiny.so": "not really elf" } });
    const result = await readCondaPackage(path, filename);
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.value).toMatchObject({ filename, format, subdir: "linux-64", name: "tiny-lib", version: "0.3.1", buildNumber: 2, about: ABOUT });
    expect(result.value.index).toEqual(index);

    const bytes = readFileSync(path);
    const digests = {
      md5: createHash("md5").update(bytes).digest("hex"),
      sha256: createHash("sha256").update(bytes).digest("hex"),
      size: bytes.length,
    };
    const record = toCondaRecord(result.value, digests);
    expect(Object.keys(record)).toEqual(Object.keys(record).sort());
    expect(record).toEqual({
      name: "tiny-lib",
      version: "0.3.1",
      build: "h1234_2",
      build_number: 2,
      subdir: "linux-64",
      depends: ["libzlib >=1.2.13,<2.0a0"],
      constrains: ["tiny-cli 0.3.1"],
      license: "BSD-3-Clause",
      timestamp: 1_700_000_000_000,
      arch: "x86_64",
      platform: "linux",
      ...digests,
    });
  });

  it.each(["tar.bz2", "conda"])("refuses a .%s whose index.json names another package", async (format) => {
    const filename = `tiny-lib-0.3.1-0.${format}`;
    const path = buildPackage(filename, indexJson("other-lib", "0.3.1", "0"));
    expect(await codeOf(path, filename)).toBe("METADATA_MISMATCH");
  });

  it.each(["tar.bz2", "conda"])("refuses a .%s without info/index.json", async (format) => {
    const folder = join(makeTempDir(), "pkg");
    writePackageFolder(folder, {}, { files: { "bin/tool": "#!/bin/sh" } });
    renameSync(join(folder, "info/index.json"), join(folder, "info/index.json.bak"));
    const filename = `tiny-lib-0.3.1-0.${format}`;
    expect(await codeOf(cphCreate(folder, filename, makeTempDir()), filename)).toBe("METADATA_MISSING");
  });

  it.each(["tar.bz2", "conda"])("refuses a .%s with an oversized index.json", async (format) => {
    const filename = `tiny-lib-0.3.1-0.${format}`;
    const path = buildPackage(filename, indexJson("tiny-lib", "0.3.1", "0", { padding: "x".repeat(1024 * 1024) }));
    expect(await codeOf(path, filename)).toBe("METADATA_TOO_LARGE");
  });

  it("refuses a .conda whose info tarball inflates past the limit", async () => {
    const filename = "tiny-lib-0.3.1-0.conda";
    const path = buildPackage(filename, indexJson("tiny-lib", "0.3.1", "0"), { files: { "info/recipe/zeros.bin": Buffer.alloc(20 * 1024 * 1024) } });
    expect(await codeOf(path, filename)).toBe("ARCHIVE_TOO_LARGE");
    expect(await codeOf(path, filename, { maxDecompressedBytes: 1024 * 1024 * 1024, maxCompressionRatio: 1_000_000 })).toBe("ok");
  });

  describe("tampered .conda archives", () => {
    const filename = "tiny-lib-0.3.1-0.conda";
    const original = () => buildPackage(filename, indexJson("tiny-lib", "0.3.1", "0"), { about: ABOUT });

    it("refuses one without its info-<stem>.tar.zst member", async () => {
      const path = rewriteZip(original(), join(makeTempDir(), filename), { drop: ["info-tiny-lib-0.3.1-0.tar.zst"] });
      expect(await codeOf(path, filename)).toBe("METADATA_MISSING");
    });

    it("refuses one uploaded under a different name than its members", async () => {
      expect(await codeOf(original(), "tiny-lib-0.3.2-0.conda")).toBe("METADATA_MISSING");
    });

    it.each(["../evil.txt", "/abs/evil.txt", "dir/../../evil.txt"])("refuses a zip entry named %j", async (name) => {
      const path = rewriteZip(original(), join(makeTempDir(), filename), { add: [[name, "x"]] });
      expect(await codeOf(path, filename)).toBe("ARCHIVE_UNSAFE_PATH");
    });

    it("refuses one holding its info member twice", async () => {
      const path = rewriteZip(original(), join(makeTempDir(), filename), { add: [["info-tiny-lib-0.3.1-0.tar.zst", "decoy"]] });
      expect(await codeOf(path, filename)).toBe("ARCHIVE_INVALID");
    });

    it("refuses an unknown package format version", async () => {
      const path = rewriteZip(original(), join(makeTempDir(), filename), {
        drop: ["metadata.json"],
        add: [["metadata.json", '{"conda_pkg_format_version": 3}']],
      });
      expect(await codeOf(path, filename)).toBe("ARCHIVE_UNSUPPORTED");
    });

    it("refuses a file that is not a zip", async () => {
      const tarball = buildPackage("tiny-lib-0.3.1-0.tar.bz2", indexJson("tiny-lib", "0.3.1", "0"));
      expect(await codeOf(tarball, filename)).toBe("ARCHIVE_INVALID");
    });
  });
});
