import { createHash } from "node:crypto";
import { mkdtemp, readdir, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type BlobStore, FsBlobStore, S3BlobStore, createS3Client, isDomainError } from "../src/index.js";
import { type TestS3Server, startS3Server } from "./support/s3-server.js";

// One contract, every store: what publish and the download routes rely on must hold for both.

let s3: TestS3Server;
const cleanups: (() => Promise<void>)[] = [];
beforeAll(async () => {
  s3 = await startS3Server();
});
afterAll(async () => {
  for (const clean of cleanups) await clean();
  await s3.close();
});

interface StoreUnderTest {
  store: BlobStore;
  /** The local staging folder, to check nothing is left behind. */
  tmpDir: string;
}

async function tempDir(): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), "gatehouse-blobs-"));
  cleanups.push(() => rm(dir, { recursive: true, force: true }));
  return dir;
}

const stores: [string, () => Promise<StoreUnderTest>][] = [
  [
    "FsBlobStore",
    async () => {
      const root = await tempDir();
      return { store: new FsBlobStore(root), tmpDir: join(root, "tmp") };
    },
  ],
  [
    "S3BlobStore",
    async () => {
      const tmpDir = join(await tempDir(), "staging");
      const client = createS3Client({
        kind: "s3",
        bucket: s3.bucket,
        prefix: "",
        region: "us-east-1",
        endpoint: s3.endpoint,
        forcePathStyle: true,
        credentials: { accessKeyId: s3.accessKeyId, secretAccessKey: s3.secretAccessKey },
        redirectDownloads: false,
      });
      // A fresh prefix per store keeps the cases independent on one bucket.
      const prefix = `t${Date.now()}${Math.random().toString(36).slice(2)}/`;
      // S3's smallest part size, so the 20 MiB case below goes through four multipart parts.
      const store = new S3BlobStore(client, { bucket: s3.bucket, prefix, tmpDir, partSize: 5 * 1024 * 1024 });
      cleanups.push(async () => store.close());
      return { store, tmpDir };
    },
  ],
];

const sha256Of = (bytes: Uint8Array) => createHash("sha256").update(bytes).digest("hex");

async function readAll(stream: AsyncIterable<Uint8Array>): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of stream) chunks.push(Buffer.from(chunk));
  return Buffer.concat(chunks);
}

async function leftovers(dir: string): Promise<string[]> {
  return readdir(dir).catch(() => []);
}

/** Chunks of a deterministic pseudo-random file, produced as read (never held whole). */
function* generated(size: number, chunk = 64 * 1024): Generator<Uint8Array> {
  let seed = 1;
  for (let done = 0; done < size; done += chunk) {
    const bytes = Buffer.allocUnsafe(Math.min(chunk, size - done));
    for (let i = 0; i < bytes.length; i += 4) {
      seed = (seed * 1103515245 + 12345) >>> 0;
      bytes.writeUInt32LE(seed, i);
    }
    yield bytes;
  }
}

describe.each(stores)("%s", (name, make) => {
  let t: StoreUnderTest;
  beforeAll(async () => {
    t = await make();
  });

  it("stages with digests, commits under the sha256, and stats the size", async () => {
    const bytes = Buffer.from("hello, gatehouse\n");
    const staged = await t.store.stage([bytes], { maxBytes: 1024 });
    expect(staged).toMatchObject({ sha256: sha256Of(bytes), md5: createHash("md5").update(bytes).digest("hex"), size: bytes.length });
    expect(await t.store.stat(staged.sha256)).toBeNull();
    await t.store.commit(staged);
    expect(await t.store.stat(staged.sha256)).toEqual({ size: bytes.length });
    expect(await t.store.readBytes(staged.sha256)).toEqual(bytes);
    expect(await leftovers(t.tmpDir)).toEqual([]);
    // Committing the same content again is a no-op that still cleans its staging file.
    await t.store.commit(await t.store.stage([bytes], { maxBytes: 1024 }));
    expect(await leftovers(t.tmpDir)).toEqual([]);
  });

  it.each([
    ["a middle range", 2, 5, "llo,"],
    ["the first byte", 0, 0, "h"],
    ["the last byte", 16, 16, "\n"],
    ["the whole file as a range", 0, 16, "hello, gatehouse\n"],
  ])("opens %s", async (_what, start, end, expected) => {
    const sha = await t.store.putBytes(Buffer.from("hello, gatehouse\n"));
    expect((await readAll(t.store.open(sha, { start, end }))).toString()).toBe(expected);
  });

  it("opens a whole file and puts small bytes directly", async () => {
    const bytes = Buffer.from("Metadata-Version: 2.1\nName: demo\n");
    const sha = await t.store.putBytes(bytes);
    expect(sha).toBe(sha256Of(bytes));
    expect(await readAll(t.store.open(sha))).toEqual(bytes);
  });

  it("answers a missing digest: stat null, reads fail", async () => {
    const missing = sha256Of(Buffer.from("never stored"));
    expect(await t.store.stat(missing)).toBeNull();
    await expect(t.store.readBytes(missing)).rejects.toThrow();
    await expect(readAll(t.store.open(missing))).rejects.toThrow();
  });

  it("refuses a name that is not a digest", async () => {
    await expect(t.store.stat("../../etc/passwd")).rejects.toMatchObject({ code: "INVALID_INPUT" });
    expect(() => t.store.open("../x")).toThrow(/sha256/);
  });

  it("stops at the limit with TOO_LARGE and keeps nothing", async () => {
    const err = await t.store.stage(generated(300 * 1024), { maxBytes: 100 * 1024 }).catch((e: unknown) => e);
    expect(isDomainError(err) && err.code).toBe("TOO_LARGE");
    expect(await leftovers(t.tmpDir)).toEqual([]);
  });

  it("discards staged bytes", async () => {
    const staged = await t.store.stage([Buffer.from("to be dropped")], { maxBytes: 1024 });
    await t.store.discard(staged);
    expect(await leftovers(t.tmpDir)).toEqual([]);
    expect(await t.store.stat(staged.sha256)).toBeNull();
  });

  it("lists stored blobs with size and time, and deletes one (garbage collection's view)", async () => {
    const bytes = Buffer.from(`listed ${name}`);
    const sha = await t.store.putBytes(bytes);
    const listed: { sha256: string; size: number; modifiedAt: Date }[] = [];
    for await (const blob of t.store.list()) listed.push(blob);
    const entry = listed.find((b) => b.sha256 === sha);
    expect(entry).toMatchObject({ size: bytes.length });
    expect(Math.abs((entry?.modifiedAt.getTime() ?? 0) - Date.now())).toBeLessThan(60_000);
    await t.store.delete(sha);
    expect(await t.store.stat(sha)).toBeNull();
    // Deleting what is not there is not an error (a collection may race another).
    await t.store.delete(sha);
  });

  it("cleans staging of dead owners, keeps a live upload's, and aborts no fresh multipart upload", async () => {
    const staged = await t.store.stage([Buffer.from("in flight")], { maxBytes: 1024 });
    const result = await t.store.cleanStaging({ staleAfterMs: 24 * 3600_000, now: new Date(), dryRun: false });
    expect(result).toEqual({ files: 0, bytes: 0, multipartUploads: 0 });
    expect(await leftovers(t.tmpDir)).toHaveLength(1);
    await t.store.discard(staged);
  });

  it("streams a 20 MiB file in and out with its digest and little memory", async () => {
    const size = 20 * 1024 * 1024;
    const expected = createHash("sha256");
    for (const chunk of generated(size)) expected.update(chunk);
    const digest = expected.digest("hex");

    // What the process holds (JS heap and Buffers), sampled: RSS alone keeps freed pages and would hide the answer.
    const held = () => {
      const m = process.memoryUsage();
      return m.heapUsed + m.arrayBuffers;
    };
    const before = { held: held(), rss: process.memoryUsage().rss };
    let peak = { ...before };
    const sampler = setInterval(() => {
      peak = { held: Math.max(peak.held, held()), rss: Math.max(peak.rss, process.memoryUsage().rss) };
    }, 5);
    try {
      const staged = await t.store.stage(generated(size), { maxBytes: size });
      expect(staged.sha256).toBe(digest);
      await t.store.commit(staged);
      expect(await t.store.stat(digest)).toEqual({ size });
      const read = createHash("sha256");
      let readSize = 0;
      for await (const chunk of t.store.open(digest)) {
        read.update(chunk as Uint8Array);
        readSize += (chunk as Uint8Array).byteLength;
      }
      expect({ readSize, sha256: read.digest("hex") }).toEqual({ readSize: size, sha256: digest });
      const tail = await readAll(t.store.open(digest, { start: size - 10, end: size - 1 }));
      expect(tail.length).toBe(10);
    } finally {
      clearInterval(sampler);
    }
    const mib = (n: number) => (n / 1024 / 1024).toFixed(1);
    console.info(`${name}: 20 MiB through stage/commit/open: peak growth ${mib(peak.held - before.held)} MiB held (heap + buffers), ${mib(peak.rss - before.rss)} MiB RSS`);
    // Multipart keeps at most two 5 MiB parts (plus one being filled) in memory; the whole file would be 20 MiB.
    expect(peak.held - before.held).toBeLessThan(size);
  });
});
