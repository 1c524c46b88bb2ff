// Property tests: every archive reader answers a corrupt upload (cut short, bit-flipped, random
// bytes, junk appended) with ok or a typed error — never a throw, and within a time bound.
import { readFileSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import fc from "fast-check";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type Result, parsePythonFilename, readCondaPackage, readPythonMetadata, readRPackage } from "../src/index.js";
import { cphCreate, hasCommand, indexJson, removeTempDirs, requireClients, writePackageFolder, writeTarball } from "./conda-helpers.js";
import { makeTempDir, writeTarGz, writeZip } from "./python-archives.js";

const METADATA = "Metadata-Version: 2.1\nName: foo\nVersion: 1.0\nSummary: Demo\n\nLong description\n";
const DESCRIPTION = "Package: foo\nVersion: 1.0-2\nTitle: Foo\nDepends: R (>= 4.0)\nLicense: MIT\n";
const hasCph = hasCommand("cph");
if (!hasCph && requireClients) throw new Error("cph is required (GATEHOUSE_REQUIRE_CLIENTS=1) but was not found");

/** One reader over a file on disk, as the upload inspectors call it. */
type Reader = (path: string) => Promise<Result<unknown>>;

function pythonReader(filename: string): Reader {
  const parsed = parsePythonFilename(filename);
  if (!parsed.ok) throw new Error(parsed.error.message);
  return (path) => readPythonMetadata(path, parsed.value);
}

let dir = "";
const valid = new Map<string, Buffer>();

beforeAll(async () => {
  dir = makeTempDir("archive-fuzz");
  const at = (name: string) => join(dir, name);
  writeZip(at("foo-1.0-py3-none-any.whl"), [
    { name: "foo/__init__.py", data: "x = 1\n".repeat(50) },
    { name: "foo-1.0.dist-info/WHEEL", data: "Wheel-Version: 1.0\n" },
    { name: "foo-1.0.dist-info/METADATA", data: METADATA },
    { name: "foo-1.0.dist-info/RECORD", data: "" },
  ]);
  writeZip(at("foo-1.0.zip"), [{ name: "foo-1.0/PKG-INFO", data: METADATA }, { name: "foo-1.0/setup.py", data: "" }]);
  await writeTarGz(at("foo-1.0.tar.gz"), [
    { name: "foo-1.0/", type: "directory" },
    { name: "foo-1.0/setup.py", data: "print(1)\n".repeat(100) },
    { name: "foo-1.0/PKG-INFO", data: METADATA },
  ]);
  await writeTarGz(at("foo_1.0-2.tar.gz"), [
    { name: "foo/", type: "directory" },
    { name: "foo/R/foo.R", data: "f <- function() 1\n".repeat(50) },
    { name: "foo/DESCRIPTION", data: DESCRIPTION },
  ]);
  writeTarball(at("foo-1.0-0.tar.bz2"), [
    { name: "bin/foo", text: "#!/bin/sh\n".repeat(40) },
    { name: "info/index.json", text: JSON.stringify(indexJson("foo", "1.0", "0")) },
    { name: "info/about.json", text: JSON.stringify({ summary: "Foo" }) },
  ]);
  if (hasCph) {
    const folder = writePackageFolder(join(dir, "pkg"), indexJson("foo", "1.0", "0"), { about: { summary: "Foo" }, files: { "bin/foo": "#!/bin/sh\n" } });
    cphCreate(folder, "foo-1.0-0.conda", dir);
  }
  for (const name of ["foo-1.0-py3-none-any.whl", "foo-1.0.zip", "foo-1.0.tar.gz", "foo_1.0-2.tar.gz", "foo-1.0-0.tar.bz2", ...(hasCph ? ["foo-1.0-0.conda"] : [])]) {
    valid.set(name, readFileSync(at(name)));
  }
}, 60_000);
afterAll(() => {
  rmSync(dir, { recursive: true, force: true });
  removeTempDirs();
});

/** Corruptions of a valid archive a client (or an attacker) could upload. */
function corruptionsOf(bytes: Buffer): fc.Arbitrary<Buffer> {
  const flips = fc.array(fc.tuple(fc.nat({ max: bytes.length - 1 }), fc.integer({ min: 1, max: 255 })), { minLength: 1, maxLength: 8 });
  return fc.oneof(
    fc.nat({ max: bytes.length }).map((n) => bytes.subarray(0, n)),
    flips.map((changes) => {
      const copy = Buffer.from(bytes);
      for (const [i, x] of changes) copy[i] = (copy[i] ?? 0) ^ x;
      return copy;
    }),
    fc.uint8Array({ minLength: 1, maxLength: 256 }).map((junk) => Buffer.concat([bytes, junk])),
    fc.uint8Array({ maxLength: 2048 }).map((a) => Buffer.from(a)),
  );
}

const BOUND_MS = 3000;

/** Runs the reader on the bytes; the reader must settle with a result within the bound, not throw. */
async function readCorrupt(read: Reader, bytes: Buffer, name: string): Promise<Result<unknown>> {
  const path = join(dir, `${Math.random().toString(36).slice(2)}-${name}`);
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

const cases: [string, string, (filename: string) => Reader][] = [
  ["wheel", "foo-1.0-py3-none-any.whl", pythonReader],
  ["zip sdist", "foo-1.0.zip", pythonReader],
  ["tar.gz sdist", "foo-1.0.tar.gz", pythonReader],
  ["R source tarball", "foo_1.0-2.tar.gz", (filename) => (path) => readRPackage(path, filename)],
  ["conda .tar.bz2", "foo-1.0-0.tar.bz2", (filename) => (path) => readCondaPackage(path, filename)],
  ["conda .conda", "foo-1.0-0.conda", (filename) => (path) => readCondaPackage(path, filename)],
];

describe("archive readers on corrupt input", () => {
  it.each(cases)("%s: the valid archive reads", async (_, filename, readerOf) => {
    const bytes = valid.get(filename);
    if (!bytes) return; // .conda without cph: skipped above (and required in CI)
    expect(await readCorrupt(readerOf(filename), bytes, filename)).toMatchObject({ ok: true });
  });

  // The cuts that failed with a throw (a 500 on upload) before: inside the gzip stream of a tarball.
  // A cut past the metadata member may still read (the reader stops there), so ok is allowed too.
  it.each(cases)("%s: cut short anywhere, gives ok or a typed error, never a throw", async (_, filename, readerOf) => {
    const bytes = valid.get(filename);
    if (!bytes) return;
    const read = readerOf(filename);
    for (let n = 0; n < bytes.length; n += Math.max(1, Math.floor(bytes.length / 40))) {
      const result = await readCorrupt(read, bytes.subarray(0, n), filename);
      if (!result.ok) expect(result.error.code, `cut at ${n} of ${bytes.length}`).toMatch(/^[A-Z][A-Z_]+$/);
    }
  });

  it.each(cases)("%s: truncations, bit flips, trailing junk and random bytes give ok or a typed error", async (_, filename, readerOf) => {
    const bytes = valid.get(filename);
    if (!bytes) return;
    const read = readerOf(filename);
    await fc.assert(
      fc.asyncProperty(corruptionsOf(bytes), async (corrupt) => {
        const result = await readCorrupt(read, corrupt, filename);
        if (!result.ok) expect(result.error.code).toMatch(/^[A-Z][A-Z_]+$/);
      }),
      { numRuns: 200, interruptAfterTimeLimit: 4500 },
    );
  });
});
