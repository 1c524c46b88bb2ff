import { createHash, randomBytes } from "node:crypto";
import { createReadStream } from "node:fs";
import { mkdir, open, readFile, rename, rm, stat } from "node:fs/promises";
import { join } from "node:path";
import type { Readable } from "node:stream";
import { DomainError } from "../errors/index.js";
import type { BlobStore, ByteRange, StagedBlob } from "./blob-store.js";

const SHA256_HEX = /^[0-9a-f]{64}$/;

async function fsyncDir(dir: string): Promise<void> {
  const handle = await open(dir, "r");
  try {
    await handle.sync();
  } finally {
    await handle.close();
  }
}

/**
 * Blob storage in a local folder: `blobs/ab/cd/<sha256>`, staging in `tmp/`
 * on the same filesystem so commit is an atomic rename.
 *
 * @example
 * const store = new FsBlobStore(".gatehouse/files");
 * const staged = await store.stage(request.body, { maxBytes: 1 << 30 });
 * await store.commit(staged);
 */
export class FsBlobStore implements BlobStore {
  private readonly tmpDir: string;
  private readonly blobDir: string;

  constructor(root: string) {
    this.tmpDir = join(root, "tmp");
    this.blobDir = join(root, "blobs");
  }

  private pathOf(sha256: string): string {
    if (!SHA256_HEX.test(sha256)) throw new DomainError("INVALID_INPUT", "not a sha256 digest");
    return join(this.blobDir, sha256.slice(0, 2), sha256.slice(2, 4), sha256);
  }

  async stage(input: Readable | AsyncIterable<Uint8Array> | Iterable<Uint8Array>, options: { maxBytes: number }): Promise<StagedBlob> {
    await mkdir(this.tmpDir, { recursive: true });
    const path = join(this.tmpDir, `${Date.now()}-${randomBytes(8).toString("hex")}.part`);
    const sha = createHash("sha256");
    const md5 = createHash("md5");
    let size = 0;
    const handle = await open(path, "wx", 0o600);
    try {
      for await (const chunk of input) {
        const bytes = chunk as Uint8Array;
        size += bytes.byteLength;
        if (size > options.maxBytes) {
          throw new DomainError("TOO_LARGE", `upload exceeds the limit of ${options.maxBytes} bytes (setting GATEHOUSE_MAX_UPLOAD_BYTES)`);
        }
        sha.update(bytes);
        md5.update(bytes);
        await handle.write(bytes);
      }
      await handle.sync();
    } catch (err) {
      await handle.close();
      await rm(path, { force: true });
      throw err;
    }
    await handle.close();
    return { path, sha256: sha.digest("hex"), md5: md5.digest("hex"), size };
  }

  async commit(staged: StagedBlob): Promise<void> {
    const target = this.pathOf(staged.sha256);
    if (await this.stat(staged.sha256)) {
      await rm(staged.path, { force: true });
      return;
    }
    const dir = join(target, "..");
    await mkdir(dir, { recursive: true });
    await rename(staged.path, target);
    await fsyncDir(dir);
  }

  async discard(staged: StagedBlob): Promise<void> {
    await rm(staged.path, { force: true });
  }

  async putBytes(bytes: Uint8Array): Promise<string> {
    const staged = await this.stage([bytes], { maxBytes: Number.MAX_SAFE_INTEGER });
    await this.commit(staged);
    return staged.sha256;
  }

  async readBytes(sha256: string): Promise<Buffer> {
    return readFile(this.pathOf(sha256));
  }

  open(sha256: string, range?: ByteRange): Readable {
    return createReadStream(this.pathOf(sha256), range ? { start: range.start, end: range.end } : {});
  }

  async stat(sha256: string): Promise<{ size: number } | null> {
    try {
      const s = await stat(this.pathOf(sha256));
      return { size: s.size };
    } catch {
      return null;
    }
  }
}
