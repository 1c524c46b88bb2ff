import { createHash } from "node:crypto";
import { type FileHandle, mkdir, open, rm } from "node:fs/promises";
import { join } from "node:path";
import type { Readable } from "node:stream";
import { DomainError } from "../errors/index.js";
import type { StagedBlob } from "./blob-store.js";
import { newStagingName } from "./staging-name.js";
import { rethrowNoSpace } from "./storage-full.js";

/** What a blob store stages from: a request body or a few chunks. */
export type BlobInput = Readable | AsyncIterable<Uint8Array> | Iterable<Uint8Array>;

/**
 * Streams input to a new file in `tmpDir`, hashing (sha256, md5) as it goes and fsyncing at the
 * end; past `maxBytes` it stops with TOO_LARGE, and on a full disk with STORAGE_FULL, removing the
 * partial file either way. Every store stages locally: the inspectors read the package from this
 * path (zip and tar need random access). The file's name records its owner (see staging-name.ts),
 * so what a killed process left is swept at the next start.
 *
 * @example
 * const staged = await stageToFile(".gatehouse/files/tmp", request.body, { maxBytes: 1 << 30 });
 */
export async function stageToFile(tmpDir: string, input: BlobInput, options: { maxBytes: number }): Promise<StagedBlob> {
  const path = join(tmpDir, newStagingName());
  const sha = createHash("sha256");
  const md5 = createHash("md5");
  let size = 0;
  let handle: FileHandle;
  try {
    await mkdir(tmpDir, { recursive: true, mode: 0o700 });
    handle = await open(path, "wx", 0o600);
  } catch (err) {
    rethrowNoSpace(err, "staging the upload");
  }
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
    await handle.close().catch(() => undefined);
    await rm(path, { force: true });
    rethrowNoSpace(err, "staging the upload");
  }
  // A close can report a delayed write error (NFS, quotas): the bytes are then not all there.
  await handle.close().catch(async (err: unknown) => {
    await rm(path, { force: true });
    rethrowNoSpace(err, "staging the upload");
  });
  return { path, sha256: sha.digest("hex"), md5: md5.digest("hex"), size };
}

const SHA256_HEX = /^[0-9a-f]{64}$/;

/** Refuses anything but a lowercase sha256 digest, so a digest can never name another path or key. */
export function checkSha256(sha256: string): string {
  if (!SHA256_HEX.test(sha256)) throw new DomainError("INVALID_INPUT", "not a sha256 digest");
  return sha256;
}
