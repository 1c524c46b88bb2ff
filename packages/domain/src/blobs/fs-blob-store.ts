import { createReadStream } from "node:fs";
import { mkdir, open, readFile, readdir, rename, rm, stat } from "node:fs/promises";
import { join } from "node:path";
import type { Readable } from "node:stream";
import type { BlobStore, ByteRange, StagedBlob, StagingCleanup, StoredBlob } from "./blob-store.js";
import { type BlobInput, checkSha256, stageToFile } from "./stage-to-file.js";
import { rethrowNoSpace } from "./storage-full.js";
import { type StagingSweepPolicy, sweepStaging } from "./sweep-staging.js";

const SHA256_HEX = /^[0-9a-f]{64}$/;

/** Names in a folder, or none when it does not exist. */
async function namesIn(dir: string): Promise<string[]> {
  try {
    return await readdir(dir);
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === "ENOENT") return [];
    throw err;
  }
}

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
    checkSha256(sha256);
    return join(this.blobDir, sha256.slice(0, 2), sha256.slice(2, 4), sha256);
  }

  async stage(input: BlobInput, options: { maxBytes: number }): Promise<StagedBlob> {
    return stageToFile(this.tmpDir, input, options);
  }

  async commit(staged: StagedBlob): Promise<void> {
    const target = this.pathOf(staged.sha256);
    if (await this.stat(staged.sha256)) {
      await rm(staged.path, { force: true });
      return;
    }
    const dir = join(target, "..");
    try {
      await mkdir(dir, { recursive: true, mode: 0o700 });
      await rename(staged.path, target);
      await fsyncDir(dir);
    } catch (err) {
      rethrowNoSpace(err, "storing the upload");
    }
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

  async *list(): AsyncGenerator<StoredBlob> {
    for (const a of await namesIn(this.blobDir)) {
      for (const b of await namesIn(join(this.blobDir, a))) {
        for (const name of await namesIn(join(this.blobDir, a, b))) {
          // Only what pathOf would name: anything else in the folder is not a blob of ours.
          if (!SHA256_HEX.test(name) || name.slice(0, 2) !== a || name.slice(2, 4) !== b) continue;
          const info = await stat(join(this.blobDir, a, b, name)).catch(() => null);
          if (info?.isFile()) yield { sha256: name, size: info.size, modifiedAt: info.mtime };
        }
      }
    }
  }

  async delete(sha256: string): Promise<void> {
    await rm(this.pathOf(sha256), { force: true });
  }

  async cleanStaging(policy: StagingSweepPolicy): Promise<StagingCleanup> {
    return { ...(await sweepStaging(this.tmpDir, policy)), multipartUploads: 0 };
  }

  async stat(sha256: string): Promise<{ size: number } | null> {
    // Outside the try: a malformed digest is the caller's error, not an absent file.
    const path = this.pathOf(sha256);
    try {
      const s = await stat(path);
      return { size: s.size };
    } catch {
      return null;
    }
  }
}
