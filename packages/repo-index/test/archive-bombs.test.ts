// Real decompression bombs, each a valid archive that inflates to 1 GiB or more, against every
// archive reader with its default limits: each is refused with a typed error naming the limit,
// having decompressed a small fraction of it (bounded CPU time and memory, not a benchmark).
import { rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type Result, parsePythonFilename, readCondaPackage, readPythonMetadata, readRPackage } from "../src/index.js";
import {
  GiB,
  MiB,
  type Segment,
  type TarBombMember,
  bzip2Segments,
  gzipSegments,
  tarSegments,
  zipArchive,
  zstdSegments,
} from "./archive-bombs.js";
import { hasCommand, indexJson, requireClients } from "./conda-helpers.js";
import { makeTempDir } from "./python-archives.js";

const hasBzip2 = hasCommand("bzip2");
if (!hasBzip2 && requireClients) throw new Error("bzip2 is required (GATEHOUSE_REQUIRE_CLIENTS=1) but was not found");

const PKG_INFO = "Metadata-Version: 2.1\nName: foo\nVersion: 1.0\n";
const DESCRIPTION = "Package: foo\nVersion: 1.0\nTitle: Foo\nLicense: MIT\n";
const INDEX = JSON.stringify(indexJson("foo", "1.0", "0"));
// Loose sanity bounds: a 1 GiB bomb took about 2-5 s of CPU before it was bounded; now well under 0.2 s.
const CPU_BOUND_MS = 1500;
const RSS_BOUND_BYTES = 256 * MiB;

let dir = "";
beforeAll(() => {
  dir = makeTempDir("archive-bombs");
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

interface Measured {
  result: Result<unknown>;
  cpuMs: number;
  rssGrowth: number;
}

/** Writes `bytes` as `filename` and reads it, measuring the CPU time and resident memory it took. */
async function measure(filename: string, bytes: Buffer, read: (path: string) => Promise<Result<unknown>>): Promise<Measured> {
  const path = join(dir, filename);
  writeFileSync(path, bytes);
  const rss = process.memoryUsage().rss;
  const cpu = process.cpuUsage();
  const result = await read(path);
  const used = process.cpuUsage(cpu);
  const rssGrowth = process.memoryUsage().rss - rss;
  rmSync(path, { force: true });
  return { result, cpuMs: (used.user + used.system) / 1000, rssGrowth };
}

function python(filename: string) {
  const parsed = parsePythonFilename(filename);
  if (!parsed.ok) throw new Error(parsed.error.message);
  return (path: string) => readPythonMetadata(path, parsed.value);
}

const wheelWith = (metadata: Segment[], declaredSize?: number) =>
  zipArchive([
    { name: "foo-1.0.dist-info/WHEEL", segments: [Buffer.from("Wheel-Version: 1.0\n")] },
    { name: "foo-1.0.dist-info/METADATA", segments: metadata, ...(declaredSize === undefined ? {} : { declaredSize }) },
    { name: "foo-1.0.dist-info/RECORD", segments: [Buffer.alloc(0)] },
  ]);

/** A .conda whose info tarball holds these members (zstd by hand), beside a small pkg tarball. */
const dotConda = (info: readonly TarBombMember[], trailingZeros?: number) =>
  zipArchive([
    { name: "metadata.json", segments: [Buffer.from('{"conda_pkg_format_version": 2}')], stored: true },
    { name: "pkg-foo-1.0-0.tar.zst", segments: [zstdSegments(tarSegments([{ name: "bin/foo", data: "#!/bin/sh\n" }]))], stored: true },
    { name: "info-foo-1.0-0.tar.zst", segments: [zstdSegments(tarSegments(info, trailingZeros))], stored: true },
  ]);

type Case = [string, string, () => Buffer, (filename: string) => (path: string) => Promise<Result<unknown>>, RegExp];
const r = (filename: string) => (path: string) => readRPackage(path, filename);
const conda = (filename: string) => (path: string) => readCondaPackage(path, filename);

const bombs: Case[] = [
  ["a wheel whose METADATA inflates to 1 GiB", "foo-1.0-py3-none-any.whl", () => wheelWith([Buffer.from(PKG_INFO), { zeros: GiB }]), python, /^METADATA_TOO_LARGE$/],
  // The headers say 100 bytes; the inflater stops at the first bytes past that (or past the metadata limit).
  ["a wheel whose METADATA lies about inflating to 1 GiB", "foo-1.0-py3-none-any.whl", () => wheelWith([Buffer.from(PKG_INFO), { zeros: GiB }], 100), python, /^(ARCHIVE_INVALID|METADATA_TOO_LARGE)$/],
  ["a wheel whose METADATA lies just under the metadata limit", "foo-1.0-py3-none-any.whl", () => wheelWith([Buffer.from(PKG_INFO), { zeros: GiB }], 1000_000), python, /^(ARCHIVE_INVALID|METADATA_TOO_LARGE)$/],
  ["a .zip sdist whose PKG-INFO inflates to 1 GiB", "foo-1.0.zip", () => zipArchive([{ name: "foo-1.0/PKG-INFO", segments: [Buffer.from(PKG_INFO), { zeros: GiB }] }]), python, /^METADATA_TOO_LARGE$/],
  ["a .tar.gz sdist with a 1 GiB member of zeros", "foo-1.0.tar.gz", () => gzipSegments(tarSegments([{ name: "foo-1.0/data.bin", zeros: GiB }, { name: "foo-1.0/PKG-INFO", data: PKG_INFO }])), python, /^ARCHIVE_TOO_LARGE$/],
  ["a .tar.gz sdist followed by 1 GiB of zeros after its end blocks", "foo-1.0.tar.gz", () => gzipSegments(tarSegments([{ name: "foo-1.0/PKG-INFO", data: PKG_INFO }], GiB)), python, /^ARCHIVE_TOO_LARGE$/],
  ["a .tar.gz sdist whose PKG-INFO is 1 GiB", "foo-1.0.tar.gz", () => gzipSegments(tarSegments([{ name: "foo-1.0/PKG-INFO", zeros: GiB }])), python, /^(ARCHIVE_TOO_LARGE|METADATA_TOO_LARGE)$/],
  ["an R tarball with a 1 GiB member of zeros", "foo_1.0.tar.gz", () => gzipSegments(tarSegments([{ name: "foo/DESCRIPTION", data: DESCRIPTION }, { name: "foo/data/big.rda", zeros: GiB }])), r, /^ARCHIVE_TOO_LARGE$/],
  ["an R tarball followed by 1 GiB of zeros after its end blocks", "foo_1.0.tar.gz", () => gzipSegments(tarSegments([{ name: "foo/DESCRIPTION", data: DESCRIPTION }], GiB)), r, /^ARCHIVE_TOO_LARGE$/],
  ["a .conda whose info tarball inflates to 1 GiB before index.json", "foo-1.0-0.conda", () => dotConda([{ name: "info/big", zeros: GiB }, { name: "info/index.json", data: INDEX }]), conda, /^ARCHIVE_TOO_LARGE$/],
  // No index.json, so the reader looks to the end of the info tarball.
  ["a .conda whose info tarball has 1 GiB of zeros after its end", "foo-1.0-0.conda", () => dotConda([{ name: "info/about.json", data: "{}" }], GiB), conda, /^ARCHIVE_TOO_LARGE$/],
];
const bz2Bombs: Case[] = [
  ["a .tar.bz2 that inflates to 1 GiB before index.json", "foo-1.0-0.tar.bz2", () => bzip2Segments(tarSegments([{ name: "info/big", zeros: GiB }, { name: "info/index.json", data: INDEX }])), conda, /^ARCHIVE_TOO_LARGE$/],
  ["a .tar.bz2 with 1 GiB of zeros after its end blocks", "foo-1.0-0.tar.bz2", () => bzip2Segments(tarSegments([{ name: "info/about.json", data: "{}" }], GiB)), conda, /^ARCHIVE_TOO_LARGE$/],
];

describe("decompression bombs", () => {
  it.each(bombs)("refuses %s, with bounded CPU and memory", async (_, filename, build, readerOf, code) => {
    const { result, cpuMs, rssGrowth } = await measure(filename, build(), readerOf(filename));
    expect(result.ok ? "ok" : result.error.code).toMatch(code);
    expect(cpuMs).toBeLessThan(CPU_BOUND_MS);
    expect(rssGrowth).toBeLessThan(RSS_BOUND_BYTES);
  });

  it.skipIf(!hasBzip2).each(bz2Bombs)("refuses %s, with bounded CPU and memory", async (_, filename, build, readerOf, code) => {
    const { result, cpuMs, rssGrowth } = await measure(filename, build(), readerOf(filename));
    expect(result.ok ? "ok" : result.error.code).toMatch(code);
    expect(cpuMs).toBeLessThan(CPU_BOUND_MS);
    // unbzip2-stream's own wrapper held a 46 MB block as an array of numbers: about 700 MB for this one.
    expect(rssGrowth).toBeLessThan(RSS_BOUND_BYTES);
  });

  it("names the limit that refused the archive", async () => {
    const sdist = gzipSegments(tarSegments([{ name: "foo-1.0/PKG-INFO", data: PKG_INFO }], GiB));
    const { result } = await measure("foo-1.0.tar.gz", sdist, python("foo-1.0.tar.gz"));
    expect(result).toMatchObject({ ok: false, error: { message: expect.stringMatching(/more than \d+ bytes outside its 1 members/) } });
    const declared = gzipSegments(tarSegments([{ name: "foo-1.0/data.bin", zeros: GiB }, { name: "foo-1.0/PKG-INFO", data: PKG_INFO }]));
    const refused = await measure("foo-1.0.tar.gz", declared, python("foo-1.0.tar.gz"));
    const ratio = /declares more than \d+ bytes, over 200 times its compressed size \(maxCompressionRatio\)/;
    expect(refused.result).toMatchObject({ ok: false, error: { message: expect.stringMatching(ratio) } });
  });
});

describe("archives from the same builders within the limits", () => {
  // So that the refusals above are about size, not about a malformed archive.
  type Small = [string, string, () => Buffer, (filename: string) => (path: string) => Promise<Result<unknown>>];
  const small: Small[] = [
    ["wheel", "foo-1.0-py3-none-any.whl", () => wheelWith([Buffer.from(PKG_INFO)]), python],
    ["zip sdist", "foo-1.0.zip", () => zipArchive([{ name: "foo-1.0/PKG-INFO", segments: [Buffer.from(PKG_INFO)] }]), python],
    ["tar.gz sdist with 8 MiB of zeros", "foo-1.0.tar.gz", () => gzipSegments(tarSegments([{ name: "foo-1.0/data.bin", zeros: 8 * MiB }, { name: "foo-1.0/PKG-INFO", data: PKG_INFO }], 10240)), python],
    ["R tarball", "foo_1.0.tar.gz", () => gzipSegments(tarSegments([{ name: "foo/DESCRIPTION", data: DESCRIPTION }, { name: "foo/data/z.rda", zeros: 2 * MiB }])), r],
    ["conda", "foo-1.0-0.conda", () => dotConda([{ name: "info/index.json", data: INDEX }, { name: "info/about.json", data: "{}" }]), conda],
    ...(hasBzip2 ? [["tar.bz2", "foo-1.0-0.tar.bz2", () => bzip2Segments(tarSegments([{ name: "info/index.json", data: INDEX }, { name: "bin/z", zeros: 2 * MiB }])), conda] satisfies Small] : []),
  ];
  it.each(small)("reads a %s", async (_, filename, build, readerOf) => {
    const { result } = await measure(filename, build(), readerOf(filename));
    expect(result).toMatchObject({ ok: true });
  });

  it("takes 64 MiB of zeros only with a raised maxCompressionRatio, and stops at maxDecompressedBytes and maxInspectMs", async () => {
    const big = gzipSegments(tarSegments([{ name: "foo-1.0/PKG-INFO", data: PKG_INFO }, { name: "foo-1.0/data.bin", zeros: 64 * MiB }]));
    const path = join(dir, "foo-1.0.tar.gz");
    writeFileSync(path, big);
    const parsed = parsePythonFilename("foo-1.0.tar.gz");
    if (!parsed.ok) throw new Error(parsed.error.message);
    expect(await readPythonMetadata(path, parsed.value)).toMatchObject({ ok: false, error: { code: "ARCHIVE_TOO_LARGE" } });
    expect(await readPythonMetadata(path, parsed.value, { maxCompressionRatio: 10_000 })).toMatchObject({ ok: true });
    const absolute = await readPythonMetadata(path, parsed.value, { maxCompressionRatio: 10_000, maxDecompressedBytes: 32 * MiB });
    expect(absolute).toMatchObject({ ok: false, error: { message: expect.stringMatching(/more than 33554432 bytes, over the maxDecompressedBytes limit/) } });
    // Inflating 64 MiB takes tens of milliseconds at least: a 1 ms deadline is passed before the end.
    const slow = await readPythonMetadata(path, parsed.value, { maxCompressionRatio: 10_000, maxInspectMs: 1 });
    expect(slow).toMatchObject({ ok: false, error: { code: "ARCHIVE_TOO_LARGE", message: expect.stringMatching(/1 ms \(maxInspectMs\)/) } });
  });
});
