// Structure-aware fuzzing of the tarball readers: tar streams assembled from generated headers
// (any type flag, hostile names, declared sizes that lie either way, pax and GNU long-name records,
// junk between members) inside valid gzip and zstd containers. Each reader answers ok or a typed
// error within a bound, never a throw; a random byte flip is not needed to reach these paths.
import { rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { gzipSync } from "node:zlib";
import fc from "fast-check";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type Result, parsePythonFilename, readCondaPackage, readPythonMetadata, readRPackage } from "../src/index.js";
import { MiB, tarHeader, zipArchive, zstdSegments } from "./archive-bombs.js";
import { makeTempDir } from "./python-archives.js";

const BOUND_MS = 3000;
const PKG_INFO = "Metadata-Version: 2.1\nName: foo\nVersion: 1.0\n";
const DESCRIPTION = "Package: foo\nVersion: 1.0\nTitle: Foo\nLicense: MIT\n";
const INDEX = JSON.stringify({ name: "foo", version: "1.0", build: "0", build_number: 0, subdir: "noarch", depends: [] });

let dir = "";
beforeAll(() => {
  dir = makeTempDir("archive-structure-fuzz");
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const name = fc.oneof(
  fc.constantFrom("foo-1.0/PKG-INFO", "foo/DESCRIPTION", "info/index.json", "info/about.json", "foo-1.0/", "foo/R/a.R"),
  fc.constantFrom("../evil", "/etc/passwd", "foo/../../x", "foo\\..\\x", "./foo-1.0/PKG-INFO", "", "a".repeat(100)),
  fc.string({ unit: "binary", maxLength: 40 }),
);
const typeFlag = fc.oneof(fc.constantFrom("0", "\0", "1", "2", "3", "4", "5", "6", "7", "x", "g", "L", "K", "S"), fc.string({ unit: "binary", minLength: 1, maxLength: 1 }));
const body = fc.oneof(
  fc.constantFrom(PKG_INFO, DESCRIPTION, INDEX, "{}", "path=foo-1.0/PKG-INFO\n", "30 path=foo-1.0/PKG-INFO\n"),
  fc.uint8Array({ maxLength: 600 }).map((b) => Buffer.from(b).toString("latin1")),
);

/** One tar record: a header whose declared size may differ from its body, padded or not. */
const record = fc
  .record({ name, type: typeFlag, body, sizeLie: fc.oneof(fc.constant(0), fc.integer({ min: -600, max: 600 }), fc.constantFrom(1024 * MiB, 8 ** 11 - 1)), pad: fc.boolean() })
  .map(({ name: n, type, body: text, sizeLie, pad }) => {
    const data = Buffer.from(text, "latin1");
    const declared = Math.max(0, data.length + sizeLie);
    const padding = pad && data.length % 512 ? Buffer.alloc(512 - (data.length % 512)) : Buffer.alloc(0);
    return Buffer.concat([tarHeader(n, declared, type), data, padding]);
  });

/** A tar stream: generated records, sometimes junk, sometimes the end blocks. */
const tarStream = fc
  .tuple(fc.array(fc.oneof({ weight: 8, arbitrary: record }, { weight: 1, arbitrary: fc.uint8Array({ maxLength: 700 }).map((b) => Buffer.from(b)) }), { maxLength: 8 }), fc.boolean())
  .map(([records, end]) => Buffer.concat([...records, end ? Buffer.alloc(1024) : Buffer.alloc(0)]));

async function within(read: (path: string) => Promise<Result<unknown>>, bytes: Buffer, filename: string): Promise<Result<unknown>> {
  const path = join(dir, `${Math.random().toString(36).slice(2)}-${filename}`);
  writeFileSync(path, bytes);
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`no answer within ${BOUND_MS} ms`)), BOUND_MS);
  });
  try {
    return await Promise.race([read(path), late]);
  } finally {
    clearTimeout(timer);
    rmSync(path, { force: true });
  }
}

const sdist = parsePythonFilename("foo-1.0.tar.gz");
if (!sdist.ok) throw new Error(sdist.error.message);
const sdistName = sdist.value;

const readers: [string, string, (tar: Buffer) => Buffer, (path: string) => Promise<Result<unknown>>][] = [
  ["sdist .tar.gz", "foo-1.0.tar.gz", (tar) => gzipSync(tar), (path) => readPythonMetadata(path, sdistName)],
  ["R source .tar.gz", "foo_1.0.tar.gz", (tar) => gzipSync(tar), (path) => readRPackage(path, "foo_1.0.tar.gz")],
  [
    ".conda info tarball (zstd)",
    "foo-1.0-0.conda",
    (tar) => zipArchive([{ name: "info-foo-1.0-0.tar.zst", segments: [zstdSegments([tar])], stored: true }]),
    (path) => readCondaPackage(path, "foo-1.0-0.conda"),
  ],
];

describe("tarball readers on generated tar structures", () => {
  // Found by the property below: tar-stream never ends the stream of a directory whose header
  // declares a size, and the conda reader waited on it for ever (an upload that never answers).
  it.each(readers)("%s: a directory header declaring a size is answered, not waited on", async (_, filename, wrap, read) => {
    const tar = Buffer.concat([tarHeader("info/", 45, "5"), Buffer.alloc(512, 0x61), tarHeader("info/index.json", INDEX.length), Buffer.from(INDEX), Buffer.alloc(1024)]);
    const result = await within(read, wrap(tar), filename);
    if (!result.ok) expect(result.error.code).toMatch(/^[A-Z][A-Z_]+$/);
  });


  // Found by the property below: a tar that ends inside a member destroys that member's stream
  // with "Unexpected end of data", which nothing listened to: an uncaught exception (a crashed server).
  it.each(readers)("%s: a tar that ends inside a member is a typed error, not an uncaught exception", async (_, filename, wrap, read) => {
    for (const skipped of [false, true]) {
      const members = skipped ? [tarHeader("info/other.bin", 1), Buffer.alloc(512, 0x62)] : [];
      const tar = Buffer.concat([...members, tarHeader(skipped ? "info/big.bin" : "info/index.json", 5000), Buffer.alloc(1000, 0x61)]);
      const result = await within(read, wrap(tar), filename);
      expect(result.ok).toBe(false);
      if (!result.ok) expect(result.error.code).toMatch(/^[A-Z][A-Z_]+$/);
    }
  });

  it.each(readers)("%s: any stream of headers gives ok or a typed error, never a throw", async (_, filename, wrap, read) => {
    await fc.assert(
      fc.asyncProperty(tarStream, async (tar) => {
        const result = await within(read, wrap(tar), filename);
        if (!result.ok) expect(result.error.code).toMatch(/^[A-Z][A-Z_]+$/);
      }),
      { numRuns: 250, interruptAfterTimeLimit: 8000 },
    );
  });
});
